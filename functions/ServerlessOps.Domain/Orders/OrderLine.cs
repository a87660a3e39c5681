namespace ServerlessOps.Domain.Orders;

/// <summary>
/// One line of an order. Money is in the order's currency, as decimals (never floating point).
/// </summary>
/// <param name="LineId">The channel's line id (Shopify line item id, Amazon OrderItemId, Walmart lineNumber, TikTok sku_id).</param>
/// <param name="Sku">Seller SKU; the key inventory is kept under.</param>
/// <param name="Title">Product name, when the channel gives one.</param>
/// <param name="Quantity">Units ordered.</param>
/// <param name="UnitPrice">Price of one unit before discounts and tax.</param>
/// <param name="Discount">Total discount on the line (all units).</param>
/// <param name="Tax">Total tax on the line (all units).</param>
/// <param name="QuantityShipped">Units shipped so far, when the channel says.</param>
/// <param name="QuantityCancelled">Units cancelled, when the channel says.</param>
public sealed record OrderLine(
    string LineId,
    string Sku,
    string? Title,
    int Quantity,
    decimal UnitPrice,
    decimal Discount,
    decimal Tax,
    int QuantityShipped = 0,
    int QuantityCancelled = 0)
{
    /// <summary>Quantity × unit price − discount (tax excluded).</summary>
    public decimal NetAmount => (Quantity * UnitPrice) - Discount;
}
