using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Settlements;

/// <summary>
/// One row of a channel's settlement data, channel-neutral: Amazon's financial events, a Shopify Payments balance
/// transaction (its amount and its fee are two lines), a Walmart reconciliation report row, a TikTok Shop statement
/// transaction. Signed as the seller sees it: money towards the seller is positive, so a fee is negative.
/// </summary>
/// <param name="Channel">Where it was settled.</param>
/// <param name="AccountId">The channel account (shop, seller, partner) it belongs to.</param>
/// <param name="TransactionId">Unique within the account and stable across reads: the import's idempotency key.</param>
/// <param name="PayoutId">The payout (Amazon event group, Shopify payout, Walmart report date, TikTok statement) it was paid in; null while unpaid.</param>
/// <param name="ExternalOrderId">The channel's order id; null for a row that belongs to no order (a storage fee, a reserve).</param>
/// <param name="Kind">What it moved.</param>
/// <param name="Amount">Signed amount in <paramref name="Currency"/>, as the channel states it (not rounded here).</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="PostedAt">When the channel posted it.</param>
public sealed record SettlementLine(
    SalesChannel Channel,
    string AccountId,
    string TransactionId,
    string? PayoutId,
    string? ExternalOrderId,
    SettlementKind Kind,
    decimal Amount,
    string Currency,
    DateTimeOffset PostedAt)
{
    /// <summary>The fee's type as the channel names it (<c>Commission</c>, <c>FBAPerUnitFulfillmentFee</c>, <c>shopify-payments</c>); null unless a fee.</summary>
    public string? FeeType { get; init; }

    /// <summary>The channel's SKU of the order line, when the row names one.</summary>
    public string? Sku { get; init; }

    /// <summary>The channel's order line id, when the row names one.</summary>
    public string? LineId { get; init; }

    /// <summary>Where the row came from in the channel's answer (<c>ShipmentEventList[0].ShipmentItemList[1].ItemFeeList[0]</c>): evidence for finance.</summary>
    public string? Source { get; init; }
}
