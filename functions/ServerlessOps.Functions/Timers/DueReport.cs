using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Review.Facts;

namespace ServerlessOps.Functions.Timers;

/// <summary>The report a brand is due: its period in the archive, and how to write it.</summary>
/// <param name="LastDay">The period's last local date. The report also reads the missed-webhook backstop's counts, which are
/// kept by UTC day (the same dates), so it is due only once that UTC day has ended too (<see cref="CompleteAt"/>).</param>
internal sealed record DueReport(string Period, DateOnly LastDay, Func<CancellationToken, Task<ReportEntry>> WriteAsync)
{
    /// <summary>
    /// The end of the UTC day of <see cref="LastDay"/>. A brand ahead of UTC reaches its report hour before it (06:00 in
    /// Tokyo is 21:00 UTC the day before); written then, the rest of that UTC day's backstop counts would be in no report.
    /// The timers run at minute 45 and 50, after the backstop's runs of minutes 4, 19 and 34 have looked at the day's end.
    /// </summary>
    public DateTimeOffset CompleteAt => new(LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The instant the period ends for <paramref name="brand"/>: the first instant of the day after <see cref="LastDay"/> in its zone.</summary>
    public DateTimeOffset EndsAt(Brand brand) => ReviewWindow.LocalMidnight(LastDay.AddDays(1), ReviewFactsBuilder.TimeZoneOf(brand));
}
