namespace ServerlessOps.Infrastructure.Connections;

/// <summary>What checking a callback's <c>state</c> found: the consumed state, or why it is refused.</summary>
public sealed record ConnectionStateCheck(ConnectionStateDocument? State, string? Refusal)
{
    public bool IsAccepted => State is not null;

    public static ConnectionStateCheck Accepted(ConnectionStateDocument state) => new(state, null);

    public static ConnectionStateCheck Refused(string why) => new(null, why);
}
