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
    /// first day, then <paramref name="latest"/>. Whether the brand was live is not asked here: <see cref="DueReports"/>
    /// writes no period, late or latest, that ended at or before its go-live.
    /// </summary>
    public static IReadOnlyList<DueReport> Due(DueReport latest, int periodDays, int periods, Func<DateOnly, DueReport> late) =>
        [.. LatePeriods(latest.LastDay.AddDays(1 - periodDays), periodDays, periods).Select(late), latest];

    /// <summary>
    /// The first days of the <paramref name="periods"/> periods of <paramref name="periodDays"/> days just before the one
    /// starting on <paramref name="latestFirstDay"/>, oldest first.
    /// </summary>
    public static IEnumerable<DateOnly> LatePeriods(DateOnly latestFirstDay, int periodDays, int periods)
    {
        for (var first = latestFirstDay.AddDays(-periodDays * periods); first < latestFirstDay; first = first.AddDays(periodDays))
        {
            yield return first;
        }
    }
}
