using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Review.Facts;

/// <summary>
/// One channel in one month, for operations baselines and the P&amp;L. Money in base currency, unrounded; the money
/// figures equal the sums of the channel's <see cref="SkuChannelMonth"/> rows of the month (AdSpend from ad spend).
/// </summary>
/// <param name="Orders">Orders placed (cancelled ones included).</param>
/// <param name="MerchantShippedOrders">Orders the merchant shipped (channel-fulfilled ones have no merchant SLA).</param>
/// <param name="LateShipments">Of those, shipped after the ship-by (or not shipped by it).</param>
/// <param name="CancelledOrders">Orders cancelled in whole.</param>
/// <param name="RefundedOrders">Orders with at least one refund.</param>
/// <param name="DaysWithoutOrders">Days of the month with no order on the channel although it averages several a day: a gap in its event stream.</param>
/// <param name="LateSourceRows">Up to a few late orders, for evidence: <c>order:{orderId}</c>.</param>
public sealed record ChannelMonth(
    ReviewMonth Month,
    SalesChannel Channel,
    int Orders,
    int Units,
    int MerchantShippedOrders,
    int LateShipments,
    int CancelledOrders,
    int RefundedOrders,
    decimal Revenue,
    decimal Cogs,
    decimal FeesCharged,
    decimal FeesScheduled,
    decimal Refunds,
    decimal AdSpend,
    int DaysWithoutOrders,
    IReadOnlyList<string> LateSourceRows);
