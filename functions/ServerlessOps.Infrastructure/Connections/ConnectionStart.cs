namespace ServerlessOps.Infrastructure.Connections;

/// <summary>A started connection: the <c>state</c> to send in the authorisation request, and until when it is accepted.</summary>
public sealed record ConnectionStart(string State, DateTimeOffset ExpiresAt, ConnectionStateDocument Document)
{
    public override string ToString() => $"ConnectionStart {{ ExpiresAt = {ExpiresAt:O}, {Document} }}";
}
