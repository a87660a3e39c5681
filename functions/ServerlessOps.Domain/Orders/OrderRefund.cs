namespace ServerlessOps.Domain.Orders;

/// <summary>
/// One refund of an order, as the channel recorded it, kept by its own id so that a refund seen twice (in a
/// refund webhook and in a later order snapshot) counts once. <see cref="Amount"/> is what went back to the buyer,
/// tax included; the lines' amounts and taxes plus <see cref="Unallocated"/> (shipping, adjustments) add up to it.
/// </summary>
/// <param name="Id">The channel's refund id (Shopify refund id, TikTok return id, Walmart refundId).</param>
/// <param name="RefundedAt">When the channel recorded it; also its version (a later time replaces an earlier record of the same id).</param>
/// <param name="Amount">Money returned to the buyer, tax included, in the order's currency.</param>
/// <param name="Tax">The tax part of <see cref="Amount"/>.</param>
/// <param name="Reason">The channel's reason or note, verbatim.</param>
/// <param name="Lines">What was refunded per line; empty for a refund of money alone (goodwill, shipping).</param>
public sealed record OrderRefund(
    string Id,
    DateTimeOffset RefundedAt,
    decimal Amount,
    decimal Tax,
    string? Reason,
    IReadOnlyList<RefundLine> Lines)
{
    /// <summary>Shipping refunded, tax included, where the channel says (part of <see cref="Amount"/>).</summary>
    public decimal Shipping { get; init; }

    /// <summary>
    /// The tax part of <see cref="Shipping"/> where the channel states it apart (Shopify, Walmart); null where it does not,
    /// and then the tax not on a line cannot be told apart between shipping and money given back on no line.
    /// </summary>
    public decimal? ShippingTax { get; init; }

    /// <summary>The part of <see cref="Amount"/> not tied to a line (shipping, order-level adjustments).</summary>
    public decimal Unallocated => Amount - Lines.Sum(l => l.Amount + l.Tax);
}
