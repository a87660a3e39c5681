using System.Globalization;

namespace ServerlessOps.Domain.Review.Audit;

/// <summary>
/// Numbers as formula texts print them, culture-invariant so a finding reads the same on every machine: money to
/// cents, rates and counts to at most four decimals.
/// </summary>
public static class Show
{
    public static string Money(decimal amount) => Cents.Round(amount).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>An input amount as the facts hold it (unrounded), to at most four decimals and at least two: 20.125, 12.30.</summary>
    public static string Amount(decimal amount) => Math.Round(amount, 4, MidpointRounding.AwayFromZero).ToString("0.00##", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A day as <c>yyyy-MM-dd</c> in the Gregorian calendar whatever the culture.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage: 0.0525 → <c>5.25 %</c>.</summary>
    public static string Percent(decimal fraction) => Number(fraction * 100m) + " %";
}
