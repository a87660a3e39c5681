using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Properties;

public sealed class ParsingProperties
{
    [Property]
    public bool DecimalString_AnyDecimal_RoundTripsExactly(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var cursor = JsonCursor.Parse(Samples.Utf8($$"""{"s": "{{text}}", "n": {{text}} }"""));
        return cursor.Property("s").GetDecimalString() == value && cursor.Property("n").GetDecimal() == value;
    }

    [Property]
    public bool IsoTime_AnyInstantAndOffset_RoundTrips(DateTime utc, int offsetQuarterHours)
    {
        var offset = TimeSpan.FromMinutes(15 * (offsetQuarterHours % 57));
        var instant = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(offset);
        if (instant.Year is < 2 or > 9998)
        {
            return true;
        }

        var text = instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
        return JsonValueParsing.TryParseIsoTime(text, out var parsed) && parsed == instant && parsed.Offset == instant.Offset;
    }

    [Property]
    public bool EpochMilliseconds_AnyInRange_MatchesTheRuntime(long milliseconds)
    {
        var clamped = milliseconds % 253_402_300_799_000L;
        return JsonValueParsing.TryFromEpochMilliseconds(clamped, out var value)
            && value == DateTimeOffset.FromUnixTimeMilliseconds(clamped);
    }
}
