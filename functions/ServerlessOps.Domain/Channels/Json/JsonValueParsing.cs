using System.Globalization;
using System.Text.RegularExpressions;

namespace ServerlessOps.Domain.Channels.Json;

/// <summary>
/// Text-to-value rules shared by the channel readers (JSON fields and header values alike): money as exact decimals,
/// strict ISO 8601 times, Unix seconds and milliseconds.
/// </summary>
public static partial class JsonValueParsing
{
    // 0001-01-01 .. 9999-12-31 in Unix time; outside it DateTimeOffset cannot represent the value.
    private const long MinEpochSeconds = -62_135_596_800;
    private const long MaxEpochSeconds = 253_402_300_799;

    /// <summary>"24.00", "-1.5", "2": invariant culture, no thousands separators, no exponent.</summary>
    public static bool TryParseDecimal(string? text, out decimal value) =>
        decimal.TryParse(
            text,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture,
            out value);

    /// <summary>
    /// ISO 8601 date-time (<c>2026-11-20T14:03:11-05:00</c>, <c>2026-11-20T19:05:41.118Z</c>). The offset is kept as sent;
    /// a value without an offset is read as UTC so the result never depends on the machine's time zone.
    /// </summary>
    public static bool TryParseIsoTime(string? text, out DateTimeOffset value)
    {
        if (text is null || !IsoTimePattern().IsMatch(text))
        {
            value = default;
            return false;
        }

        return DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out value);
    }

    public static bool TryFromEpochSeconds(long seconds, out DateTimeOffset value)
    {
        if (seconds is < MinEpochSeconds or > MaxEpochSeconds)
        {
            value = default;
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    public static bool TryFromEpochMilliseconds(long milliseconds, out DateTimeOffset value)
    {
        if (milliseconds is < MinEpochSeconds * 1000 or > (MaxEpochSeconds * 1000) + 999)
        {
            value = default;
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTimePattern();
}
