using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Review.Facts;

/// <summary>
/// What one SKU did on one channel in one month, summed from the order lines placed in that month (brand time zone).
/// Money is in the brand's base currency, converted at each order's day rate, unrounded (rules round once).
/// Revenue is net revenue: Σ (quantity − cancelled) × unit price − discount share, tax and shipping excluded.
/// </summary>
/// <param name="Sku">The catalog SKU; the channel SKU when the line maps to none (<paramref name="Mapped"/> false).</param>
/// <param name="Orders">Orders with at least one non-cancelled unit of the SKU.</param>
/// <param name="Units">Units sold (ordered − cancelled).</param>
/// <param name="Revenue">Net revenue of those units.</param>
/// <param name="Cogs">Units × unit cost in effect at the order time, for the units with a known cost.</param>
/// <param name="UnitsWithoutCost">Units sold with no unit cost in effect (no cost control: a data-quality finding).</param>
/// <param name="FeesCharged">Fees the channel actually charged for the lines whose charges are known (imported history, settlements); null when none are known.</param>
/// <param name="FeesScheduled">Fees the brand's fee schedule says these lines should cost (the pricing rule's fee arithmetic), all of them.</param>
/// <param name="Refunds">Money refunded for these lines, tax and shipping excluded, with their share (by net) of refunds naming no line (goodwill).</param>
/// <param name="RefundedUnits">Units refunded.</param>
/// <param name="CancelledUnits">Units cancelled before shipping.</param>
/// <param name="UnitsBelowFloor">Units sold at a unit net price under the pricing floor (<see cref="Pricing.PriceGuardrail"/>).</param>
/// <param name="FloorShortfall">Σ (floor − unit net) × units over those units.</param>
/// <param name="SourceRows">Up to a few order lines behind the figures, for evidence: <c>order:{orderId}:line:{lineId}</c>.</param>
public sealed record SkuChannelMonth(
    ReviewMonth Month,
    SalesChannel Channel,
    string Sku,
    bool Mapped,
    int Orders,
    int Units,
    decimal Revenue,
    decimal Cogs,
    int UnitsWithoutCost,
    decimal? FeesCharged,
    decimal FeesScheduled,
    decimal Refunds,
    int RefundedUnits,
    int CancelledUnits,
    int UnitsBelowFloor,
    decimal FloorShortfall,
    IReadOnlyList<string> SourceRows)
{
    /// <summary>
    /// Of <see cref="FeesScheduled"/>, the part on sold lines whose charged fees are not known (an order the channel has
    /// not settled yet); null when there is no such line. Settlements arrive days after the sale, so a month usually
    /// holds both kinds: the charged fees then cover only some lines, and the rest are estimated from the schedule.
    /// </summary>
    public decimal? FeesScheduledWithoutCharges { get; init; }

    /// <summary>
    /// Up to a few of the order lines sold under the floor (<see cref="UnitsBelowFloor"/>), the price-floor finding's
    /// evidence: <see cref="SourceRows"/> holds the SKU's first sales, which may all be above it. Empty in facts built
    /// before it was kept.
    /// </summary>
    public IReadOnlyList<string> FloorSourceRows { get; init; } = [];

    /// <summary>Up to a few of the order lines with money refunded (<see cref="Refunds"/>), the refund finding's evidence; empty in facts built before it was kept.</summary>
    public IReadOnlyList<string> RefundSourceRows { get; init; } = [];
}
