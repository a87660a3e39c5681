namespace ServerlessOps.Domain.Orders;

/// <summary>
/// One line of an order with its units in every state the channels report. Money is in the order's currency, as
/// decimals (never floating point), and null where the channel withholds it (an Amazon order while Pending has no
/// prices): unknown is never written as zero.
/// </summary>
/// <param name="LineId">The channel's line id (Shopify line item id, Amazon OrderItemId, Walmart lineNumber, TikTok sku_id).</param>
/// <param name="Sku">Seller SKU; the key inventory is kept under.</param>
/// <param name="Title">Product name, when the channel gives one.</param>
/// <param name="Quantity">Units ordered.</param>
/// <param name="UnitPrice">Price of one unit before discounts (tax included only where <see cref="Order.PricesIncludeTax"/> says so); null when withheld.</param>
/// <param name="Discount">Total discount on the line (all units); null when withheld.</param>
/// <param name="Tax">Total tax on the line (all units); null when withheld.</param>
/// <param name="QuantityShipped">Units that left the warehouse (delivered units included). Where the order's shipments
/// name their lines (Shopify fulfilments) this is their sum, set by <see cref="OrderLedger.Settle"/>.</param>
/// <param name="QuantityCancelled">Units cancelled before shipping (by buyer, seller or channel).</param>
public sealed record OrderLine(
    string LineId,
    string Sku,
    string? Title,
    int Quantity,
    decimal? UnitPrice,
    decimal? Discount,
    decimal? Tax,
    int QuantityShipped = 0,
    int QuantityCancelled = 0)
{
    /// <summary>
    /// The seller SKU the channel reports beside the SKU it lists (<see cref="Sku"/>), when it reports one (imported
    /// history names both); null otherwise.
    /// </summary>
    public string? SellerSku { get; init; }

    /// <summary>Units the buyer sent back, as the order's refunds record them (<see cref="RefundLine.Returned"/>). Set by <see cref="OrderLedger.Settle"/>.</summary>
    public int QuantityReturned { get; init; }

    /// <summary>Units refunded, summed over the order's refunds. Set by <see cref="OrderLedger.Settle"/>.</summary>
    public int QuantityRefunded { get; init; }

    /// <summary>Money refunded for this line, tax included, summed over the order's refunds. Set by <see cref="OrderLedger.Settle"/>.</summary>
    public decimal RefundedAmount { get; init; }

    /// <summary>Units still to ship: ordered − cancelled − shipped, never below zero.</summary>
    public int QuantityOpen => Math.Max(0, Quantity - Math.Min(Quantity, QuantityCancelled) - QuantityShipped);

    /// <summary>
    /// What the channel charged for all the line's units before discounts, when it gives that total rather than a unit
    /// price (Walmart's PRODUCT charge, Amazon's ItemPrice, the sum of a TikTok SKU's units). <see cref="UnitPrice"/> is
    /// then derived from it and rounded to cents, and this
    /// keeps the exact total, so the line's money adds up to what the buyer was charged. Null where the unit price is
    /// the channel's own.
    /// </summary>
    public decimal? LinePrice { get; init; }

    /// <summary>Line price (else quantity × unit price) − discount; null when the price or the discount is unknown.</summary>
    public decimal? NetAmount => (LinePrice ?? (Quantity * UnitPrice)) is { } gross && Discount is { } discount ? gross - discount : null;

    /// <summary>
    /// One unit's price for sums over units (a share of the line, a guardrail's net): <see cref="LinePrice"/> / quantity,
    /// unrounded, where the channel gave a total, so those sums round once, at their end; else <see cref="UnitPrice"/>.
    /// </summary>
    public decimal? UnitPriceForSums() => LinePrice is { } total && Quantity > 0 ? total / Quantity : UnitPrice;
}
