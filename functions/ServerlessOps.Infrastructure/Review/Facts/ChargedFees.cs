using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// Which of an order's fees the review counts as charged by an instant. Only fees recorded before it count: one recorded
/// later is a later month's restatement. An order imported with the history's fees (no <see cref="OrderFee.SourceId"/>)
/// and then settled holds the same charges twice, once in each source's words; the settlement's rows are the channel's
/// own statement, so for what they cover they alone count. The imported fees stay in the truth, uncounted.
/// </summary>
internal static class ChargedFees
{
    /// <summary>
    /// The fees known before <paramref name="until"/>, less the imported fees a known settlement fee covers: a settlement
    /// fee on a line covers that line's imported fees; one on the whole order (or on a line the order does not hold)
    /// covers all of them; an imported fee on the whole order (or on no line it holds) is covered once every line of the
    /// order is settled.
    /// Fee types are not matched: the history and the channels name the same charge differently ("referral" against
    /// Amazon's "Commission"), so a line is the finest scope both sources share.
    /// </summary>
    public static IReadOnlyList<OrderFee> Counted(Order order, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(order);
        var known = order.Fees.Where(f => f.RecordedAt is null || f.RecordedAt < until).ToList();
        var settled = known.Where(IsSettled).ToList();
        if (settled.Count == 0)
        {
            return known;
        }

        var lineIds = order.Lines.Select(l => l.LineId).ToHashSet(StringComparer.Ordinal);
        if (settled.Exists(f => f.LineId is null || !lineIds.Contains(f.LineId)))
        {
            return settled;
        }

        var settledLines = settled.Select(f => f.LineId!).ToHashSet(StringComparer.Ordinal);
        var everyLineSettled = lineIds.IsSubsetOf(settledLines);
        return [.. known.Where(f => IsSettled(f) || (f.LineId is { } line && lineIds.Contains(line) ? !settledLines.Contains(line) : !everyLineSettled))];
    }

    /// <summary>Whether the fee is a settlement row (it has an identity of its own); otherwise it came with the imported order.</summary>
    public static bool IsSettled(OrderFee fee) => fee.SourceId is not null;
}
