using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// Which of an order's fees the review counts as charged by an instant. Only fees recorded before it count: one recorded
/// later is a later month's restatement. An order imported with the history's fees (no <see cref="OrderFee.SourceId"/>)
/// and then settled holds the same charges twice, once in each source's words; the settlement's rows are the channel's
/// own statement, so from the first of them on they alone count. The imported fees stay in the truth, uncounted.
/// </summary>
internal static class ChargedFees
{
    public static IReadOnlyList<OrderFee> Counted(Order order, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(order);
        var known = order.Fees.Where(f => f.RecordedAt is null || f.RecordedAt < until).ToList();
        return known.Exists(IsSettled) ? [.. known.Where(IsSettled)] : known;
    }

    /// <summary>Whether the fee is a settlement row (it has an identity of its own); otherwise it came with the imported order.</summary>
    public static bool IsSettled(OrderFee fee) => fee.SourceId is not null;
}
