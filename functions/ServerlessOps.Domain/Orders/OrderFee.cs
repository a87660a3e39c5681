namespace ServerlessOps.Domain.Orders;

/// <summary>A channel or payment fee, where the channel reports one with the order (or its settlement or history import does).</summary>
/// <param name="Kind">The fee's type as the channel names it (<c>referral</c>, <c>fba</c>, <c>shopify-payments</c>).</param>
/// <param name="Amount">What was charged, in the order's currency.</param>
public sealed record OrderFee(string Kind, decimal Amount)
{
    /// <summary>The <see cref="OrderLine.LineId"/> the fee was charged on; null for a fee on the whole order.</summary>
    public string? LineId { get; init; }
}
