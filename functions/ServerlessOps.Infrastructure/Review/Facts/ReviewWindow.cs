using ServerlessOps.Domain.Review;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// What one review reads: the reviewed month and up to <see cref="BaselineMonths"/> months before it, as instants in the
/// brand's time zone ([<see cref="From"/>, <see cref="Until"/>)), and the cut-off after which a refund belongs to a later
/// month's restatements (the reviewed month's end, so a re-run on the same truth gives the same numbers).
/// </summary>
public sealed record ReviewWindow(string BrandId, ReviewMonth Month, TimeZoneInfo TimeZone, int BaselineMonths = ReviewWindow.DefaultBaselineMonths)
{
    public const int DefaultBaselineMonths = 12;

    /// <summary>Refunds recorded in the reviewed month for orders of this many months before it become restatements; older orders are not looked at.</summary>
    public const int RestatementMonths = 3;

    /// <summary>Days of sales and snapshots behind a SKU's velocity (<c>SkuStock.DailyVelocity</c>).</summary>
    public const int VelocityDays = 90;

    /// <summary>
    /// When each month of the window was first reported (<see cref="ReviewClosings"/>; none for a month never reported).
    /// Its orders are priced with the fee schedule as known then, whether the month is run again, read as a baseline or
    /// restated, so a fee schedule imported later, even one starting inside that month, does not move the closed month's
    /// figures.
    /// </summary>
    public IReadOnlyDictionary<ReviewMonth, DateTimeOffset> ClosedAt { get; init; } = new Dictionary<ReviewMonth, DateTimeOffset>();

    public ReviewMonth FirstMonth => Month.AddMonths(-BaselineMonths);

    public DateTimeOffset From => FirstMonth.StartIn(TimeZone);

    public DateTimeOffset Until => Month.EndIn(TimeZone);

    /// <summary>The reviewed month's last local day.</summary>
    public DateOnly LastDay => Month.FirstDay.AddDays(Month.Days - 1);

    /// <summary>First local day of the velocity window, which ends with <see cref="LastDay"/>.</summary>
    public DateOnly VelocityFrom => LastDay.AddDays(1 - VelocityDays);

    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    public ReviewMonth MonthOf(DateTimeOffset instant) => ReviewMonth.Of(instant, TimeZone);

    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/> (past a spring-forward gap at midnight).</summary>
    public static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
