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
        if (Math.Abs(value) > JsonCursor.MaxAmount)
        {
            return Rejected(() => cursor.Property("s").GetDecimalString()) && Rejected(() => cursor.Property("n").GetDecimal());
        }

        return cursor.Property("s").GetDecimalString() == value && cursor.Property("n").GetDecimal() == value;
    }

    [Property]
    public bool IsoTime_AnyInstantAndOffset_RoundTrips(DateTime utc, int offsetQuarterHours)
    {
        var offset = TimeSpan.FromMinutes(15 * (offsetQuarterHours % 57));

        // Keep a day clear of DateTimeOffset's ends so any offset can be applied.
        if (utc.Year is < 2 or > 9998)
        {
            return true;
        }

        var instant = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(offset);

        var text = instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
        return JsonValueParsing.TryParseIsoTime(text, out var parsed) && parsed == instant && parsed.Offset == instant.Offset;
    }

    [Property]
    public bool EpochMilliseconds_AnyInRange_MatchesTheRuntime(long milliseconds)
    {
        // 1970 up to the end of year 9999: every such value must convert.
        var clamped = Math.Abs(milliseconds % 253_402_300_799_000L);
        return JsonValueParsing.TryFromEpochMilliseconds(clamped, out var value)
            && value == DateTimeOffset.FromUnixTimeMilliseconds(clamped);
    }

    private static bool Rejected(Func<decimal> read)
    {
        try
        {
            read();
            return false;
        }
        catch (Domain.Channels.ChannelPayloadException)
        {
            return true;
        }
    }
}
