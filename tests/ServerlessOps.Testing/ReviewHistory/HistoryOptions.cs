namespace ServerlessOps.Testing.ReviewHistory;

/// <summary>
/// What to generate: thirteen months of baseline before <see cref="ReviewYear"/>-<see cref="ReviewMonth"/> plus that
/// month, for a brand in <see cref="TimeZoneId"/>, at <see cref="OrdersPerDay"/> before seasonality and growth.
/// </summary>
public sealed record HistoryOptions(int ReviewYear, int ReviewMonth, int OrdersPerDay = 12, int Seed = 20261201, string TimeZoneId = "America/Chicago", int BaselineMonths = 13)
{
    /// <summary>Events after this instant (a refund of a late-November order in December) have not happened yet: they are left out.</summary>
    public DateTimeOffset? Now { get; init; }

    public DateOnly FirstDay => new DateOnly(ReviewYear, ReviewMonth, 1).AddMonths(-BaselineMonths);

    /// <summary>The day after the reviewed month (exclusive end).</summary>
    public DateOnly EndDay => new DateOnly(ReviewYear, ReviewMonth, 1).AddMonths(1);

    public DateOnly ReviewFirstDay => new(ReviewYear, ReviewMonth, 1);

    /// <summary>The brand's review month for the month before <paramref name="now"/> in its time zone.</summary>
    public static HistoryOptions ForMonthBefore(DateTimeOffset now, int ordersPerDay = 12, string timeZoneId = "America/Chicago")
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));
        var previous = new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
        return new HistoryOptions(previous.Year, previous.Month, ordersPerDay, TimeZoneId: timeZoneId) { Now = now };
    }
}
