namespace ServerlessOps.Domain.Orders;

/// <summary>
/// What the channel answered an acknowledgement: taken, or refused for good (the order is unknown to it, or already
/// shipped or cancelled there), with the channel's reason. A refusal is an answer, not a failure: retrying would not
/// change it, and the order's next change brings what happened. Failures that may pass (throttling, outages) are
/// exceptions instead.
/// </summary>
public sealed record AcknowledgementAnswer(bool Acknowledged, string? Refusal)
{
    public static AcknowledgementAnswer Taken { get; } = new(true, null);

    public static AcknowledgementAnswer Refused(string reason) => new(false, reason);
}
