using ServerlessOps.Domain.Brands;
using ServerlessOps.Infrastructure.Review.Facts;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// How the daily and weekly report timers catch up: besides the latest period, a run looks back a few periods for a
/// report never written (every hourly attempt of its period failed: the store was down, a deployment gap) and writes it
/// late rather than never. A period already written is left alone, since <see cref="DueReports"/> asks the archive
/// before writing each one.
/// </summary>
internal static class ReportCatchUp
{
    /// <summary>
    /// The reports a brand is due, oldest first: the <paramref name="periods"/> periods of <paramref name="periodDays"/>
    /// days before <paramref name="latest"/>'s (<see cref="LatePeriods"/>), each written by <paramref name="late"/> from its
    /// first day, then <paramref name="latest"/>.
    /// </summary>
    public static IReadOnlyList<DueReport> Due(Brand brand, DueReport latest, int periodDays, int periods, Func<DateOnly, DueReport> late) =>
        [.. LatePeriods(latest.LastDay.AddDays(1 - periodDays), periodDays, periods, GoLiveDay(brand)).Select(late), latest];

    /// <summary>
    /// The first days of the <paramref name="periods"/> periods of <paramref name="periodDays"/> days just before the one
    /// starting on <paramref name="latestFirstDay"/>, oldest first, leaving out every period that ended before
    /// <paramref name="goLiveDay"/>. A period the brand went live in is kept and reported whole, as the latest period's
    /// report always was: for a day that is the go-live day itself, for a week the week it falls in.
    /// </summary>
    public static IEnumerable<DateOnly> LatePeriods(DateOnly latestFirstDay, int periodDays, int periods, DateOnly goLiveDay)
    {
        for (var first = latestFirstDay.AddDays(-periodDays * periods); first < latestFirstDay; first = first.AddDays(periodDays))
        {
            if (first.AddDays(periodDays - 1) >= goLiveDay)
            {
                yield return first;
            }
        }
    }

    /// <summary>The brand's local date of its go-live: its first day with live orders.</summary>
    public static DateOnly GoLiveDay(Brand brand) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(brand.GoLive, ReviewFactsBuilder.TimeZoneOf(brand)).DateTime);
}
