using System.Globalization;

namespace ServerlessOps.Domain.Review;

/// <summary>
/// A calendar month as a brand lives it: an order belongs to the month of its creation in the brand's time zone.
/// Written <c>2026-11</c> in routes, blob names and instance ids.
/// </summary>
public readonly record struct ReviewMonth(int Year, int Month) : IComparable<ReviewMonth>
{
    public static ReviewMonth Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>The month <paramref name="instant"/> falls in, in <paramref name="timeZone"/>.</summary>
    public static ReviewMonth Of(DateTimeOffset instant, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var local = TimeZoneInfo.ConvertTime(instant, timeZone);
        return new ReviewMonth(local.Year, local.Month);
    }

    public static bool TryParse(string? text, out ReviewMonth month)
    {
        month = default;
        if (text is null || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        month = Of(day);
        return true;
    }

    public DateOnly FirstDay => new(Year, Month, 1);

    public int Days => DateTime.DaysInMonth(Year, Month);

    public ReviewMonth Previous => Of(FirstDay.AddMonths(-1));

    public ReviewMonth Next => Of(FirstDay.AddMonths(1));

    public ReviewMonth AddMonths(int months) => Of(FirstDay.AddMonths(months));

    /// <summary>The month's first instant in <paramref name="timeZone"/> (local midnight on the 1st), as an offset time.</summary>
    public DateTimeOffset StartIn(TimeZoneInfo timeZone) => LocalMidnight(FirstDay, timeZone);

    /// <summary>The next month's first instant: the month is [<see cref="StartIn"/>, <see cref="EndIn"/>).</summary>
    public DateTimeOffset EndIn(TimeZoneInfo timeZone) => Next.StartIn(timeZone);

    public int CompareTo(ReviewMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(ReviewMonth left, ReviewMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(ReviewMonth left, ReviewMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(ReviewMonth left, ReviewMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ReviewMonth left, ReviewMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Year:0000}-{Month:00}";

    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // Where midnight does not exist (a spring-forward at 00:00), the day starts at the first instant that does.
        while (timeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, timeZone.GetUtcOffset(local));
    }
}
