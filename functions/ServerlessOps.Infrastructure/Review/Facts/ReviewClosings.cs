using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// When each month of a review's window closed: when its first monthly report was written (<see cref="ReviewWindow.ClosedAt"/>).
/// The first, not the latest: a month run again prices its fees with the schedule as known at this same instant, so a
/// later version (published because another fact changed) does not move the instant and let a fee-schedule correction
/// imported in between into the month's figures.
/// </summary>
public static class ReviewClosings
{
    /// <summary>The months of <paramref name="window"/> (baselines and the reviewed month) with a monthly report, each with its first report's time.</summary>
    public static async Task<IReadOnlyDictionary<ReviewMonth, DateTimeOffset>> ReadAsync(IReportArchive archive, ReviewWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(window);
        var closedAt = new Dictionary<ReviewMonth, DateTimeOffset>();
        foreach (var entry in await archive.ListAsync(window.BrandId, ReportKind.Monthly, cancellationToken))
        {
            if (ReviewMonth.TryParse(entry.Period, out var month) && month >= window.FirstMonth && month <= window.Month
                && (!closedAt.TryGetValue(month, out var earlier) || entry.WrittenAt < earlier))
            {
                closedAt[month] = entry.WrittenAt;
            }
        }

        return closedAt;
    }
}
