namespace ServerlessOps.Domain.Orders;

/// <summary>A channel or payment fee, where the channel reports one with the order (or its settlement or history import does).</summary>
/// <param name="Kind">The fee's type as the channel names it (<c>referral</c>, <c>fba</c>, <c>shopify-payments</c>).</param>
/// <param name="Amount">What was charged, in the order's currency.</param>
public sealed record OrderFee(string Kind, decimal Amount)
{
    /// <summary>The <see cref="OrderLine.LineId"/> the fee was charged on; null for a fee on the whole order.</summary>
    public string? LineId { get; init; }

    /// <summary>
    /// The row the fee came from when it has an identity of its own (a settlement transaction,
    /// <c>settlement:{channel}:{transaction id}</c>); such fees are facts by their id, kept when a newer snapshot of the
    /// order replaces it (<see cref="OrderFacts.Merge"/>). Null for fees that came with the order (history import).
    /// </summary>
    public string? SourceId { get; init; }

    /// <summary>
    /// When the truth learned of the fee (a settlement import); null when it came with the order. A fee recorded after its
    /// order's month ended belongs to the month it was recorded in as a restatement, never to the closed month.
    /// </summary>
    public DateTimeOffset? RecordedAt { get; init; }
}
