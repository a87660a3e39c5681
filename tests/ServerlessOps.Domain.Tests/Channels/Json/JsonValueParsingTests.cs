using ServerlessOps.Domain.Channels.Json;

namespace ServerlessOps.Domain.Tests.Channels.Json;

public sealed class JsonValueParsingTests
{
    [Theory]
    [InlineData("2026-11-20T19:03:12.104Z")]
    [InlineData("2026-11-20T19:03:12Z")]
    [InlineData("2026-11-20T14:03:12-05:00")]
    [InlineData("2026-11-20T19:03Z")]
    [InlineData("2026-11-20T19:03:12.1234567+00:00")]
    public void TryParseIsoTime_Iso8601_IsAccepted(string text)
    {
        Assert.True(JsonValueParsing.TryParseIsoTime(text, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Fri, 20 Nov 2026 19:03:12 GMT")]
    [InlineData("2026-11-20 19:03:12")]
    [InlineData("2026-11-20T19:03:12.104Z trailing")]
    [InlineData("2026-02-30T00:00:00Z")]
    public void TryParseIsoTime_AnythingElse_IsRejected(string? text)
    {
        Assert.False(JsonValueParsing.TryParseIsoTime(text, out _));
    }

    [Fact]
    public void TryParseIsoTime_SameInstantDifferentOffsets_CompareEqual()
    {
        Assert.True(JsonValueParsing.TryParseIsoTime("2026-11-20T14:03:12-05:00", out var eastern));
        Assert.True(JsonValueParsing.TryParseIsoTime("2026-11-20T19:03:12Z", out var utc));
        Assert.Equal(utc, eastern);
    }

    [Theory]
    [InlineData("24.00", 24.00)]
    [InlineData("-0.5", -0.5)]
    [InlineData("7", 7)]
    public void TryParseDecimal_PlainDecimals_AreRead(string text, double expected)
    {
        Assert.True(JsonValueParsing.TryParseDecimal(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("1,000")]
    [InlineData(" 1")]
    [InlineData("1e3")]
    [InlineData("$5")]
    [InlineData(null)]
    public void TryParseDecimal_Other_IsRejected(string? text)
    {
        Assert.False(JsonValueParsing.TryParseDecimal(text, out _));
    }

    [Fact]
    public void Epochs_OutsideTheRepresentableRange_AreRejected()
    {
        Assert.False(JsonValueParsing.TryFromEpochSeconds(long.MaxValue, out _));
        Assert.False(JsonValueParsing.TryFromEpochMilliseconds(long.MinValue, out _));
        Assert.True(JsonValueParsing.TryFromEpochSeconds(0, out var epoch));
        Assert.Equal(DateTimeOffset.UnixEpoch, epoch);
    }
}
