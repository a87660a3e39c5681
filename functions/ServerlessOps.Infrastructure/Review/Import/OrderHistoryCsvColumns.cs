using ServerlessOps.Domain.Review.Import;

namespace ServerlessOps.Infrastructure.Review.Import;

/// <summary>The columns of an order history CSV: the order's (repeated on each of its rows), then the line's.</summary>
internal static class OrderHistoryCsvColumns
{
    public const string OrderFees = "orderFees";
    public const string LineFees = "lineFees";

    /// <summary>A line's refund, mapped to the refund member it feeds (<see cref="OrderHistoryFields.Refund"/>).</summary>
    public static IReadOnlyDictionary<string, string> Refund { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["id"] = "refundId",
        ["time"] = "refundTime",
        ["amount"] = "refundAmount",
        ["tax"] = "refundTax",
        ["shipping"] = "refundShipping",
        ["shippingTax"] = "refundShippingTax",
        ["keptBack"] = "refundKeptBack",
        ["reason"] = "refundReason",
    };

    /// <summary>A refund's own columns, repeated on each of its rows: they must agree.</summary>
    public static IReadOnlyList<string> RefundShared { get; } = ["refundTime", "refundReason", "refundShipping", "refundShippingTax", "refundKeptBack"];

    /// <summary>A line's refund, mapped to the refund line member it feeds (<see cref="OrderHistoryFields.RefundLine"/>).</summary>
    public static IReadOnlyDictionary<string, string> RefundLine { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["lineId"] = "lineId",
        ["quantity"] = "refundQuantity",
        ["amount"] = "refundAmount",
        ["tax"] = "refundTax",
        ["returned"] = "refundReturned",
    };

    /// <summary>Columns every row of one order repeats exactly.</summary>
    public static IReadOnlyList<string> Order { get; } = [.. OrderHistoryFields.Order, OrderFees];

    public static IReadOnlyList<string> All { get; } =
    [
        .. Order, .. OrderHistoryFields.Line, LineFees,
        "refundId", "refundTime", "refundQuantity", "refundAmount", "refundTax", "refundReason", "refundReturned",
        "refundShipping", "refundShippingTax", "refundKeptBack",
    ];
}
