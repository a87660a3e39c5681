namespace ServerlessOps.Domain.Review.Import;

/// <summary>The member names of an order history file (JSON Lines members; CSV columns are listed by the CSV reader).</summary>
public static class OrderHistoryFields
{
    /// <summary>The order's own scalar members (JSON Lines adds the arrays <c>lines</c>, <c>fees</c>, <c>refunds</c>).</summary>
    public static IReadOnlyList<string> Order { get; } =
    [
        "channel", "channelAccountId", "externalOrderId", "displayNumber", "channelStatus", "currency", "createdAt", "updatedAt",
        "paidAt", "shippedAt", "deliveredAt", "cancelledAt", "refundedAt", "fulfilment", "shipBy", "pricesIncludeTax",
        "orderDiscount", "shippingPrice", "shippingTax", "total", "cancelReason",
    ];

    public static IReadOnlyList<string> Line { get; } = ["lineId", "channelSku", "sku", "title", "quantity", "unitPrice", "discount", "tax", "quantityCancelled"];

    /// <summary>A fee: per line when <c>lineId</c> is given, per order otherwise.</summary>
    public static IReadOnlyList<string> Fee { get; } = ["type", "amount", "lineId"];

    /// <summary>
    /// A refund: <c>shipping</c> (tax included) and <c>shippingTax</c> (its tax part) are parts of <c>amount</c>;
    /// <c>keptBack</c> is money kept back from the lines (a restocking fee), by which <c>amount</c> falls short of them.
    /// </summary>
    public static IReadOnlyList<string> Refund { get; } = ["id", "time", "amount", "tax", "shipping", "shippingTax", "keptBack", "reason"];

    public static IReadOnlyList<string> RefundLine { get; } = ["lineId", "quantity", "amount", "tax", "returned"];

    /// <summary>The status history members, in lifecycle order.</summary>
    public static IReadOnlyList<string> Timeline { get; } = ["paidAt", "shippedAt", "deliveredAt", "cancelledAt", "refundedAt"];
}
