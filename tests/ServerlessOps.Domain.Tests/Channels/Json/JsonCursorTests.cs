using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Json;

public sealed class JsonCursorTests
{
    private static JsonCursor Parse(string json, string? document = null) => JsonCursor.Parse(Samples.Utf8(json), document);

    [Fact]
    public void Property_CaseInsensitive_FindsPascalAndCamelCase()
    {
        Assert.Equal("a", Parse("""{"SellerId": "a"}""").Property("sellerId").GetString());
        Assert.Equal("b", Parse("""{"sellerId": "b"}""").Property("SellerId").GetString());
    }

    [Fact]
    public void Property_ExactMatch_WinsOverCaseInsensitiveOne()
    {
        Assert.Equal("exact", Parse("""{"sellerid": "loose", "SellerId": "exact"}""").Property("SellerId").GetString());
    }

    [Fact]
    public void Property_Missing_NamesTheNestedPath()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse("""{"a": {"b": [{"c": 1}]}}""").Property("a").Property("b").Items()[0].Property("d"));
        Assert.Equal("a.b[0].d: expected a value, found nothing.", ex.Message);
    }

    [Fact]
    public void Property_Null_SaysNull()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse("""{"a": null}""").Property("a"));
        Assert.Equal("a: expected a value, found null.", ex.Message);
    }

    [Fact]
    public void Property_OnANonObject_SaysWhatWasFound()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse("""{"a": 5}""").Property("a").Property("b"));
        Assert.Equal("a: expected an object with 'b', found 5.", ex.Message);
    }

    [Fact]
    public void Optional_MissingOrNull_IsNull()
    {
        var root = Parse("""{"a": null}""");
        Assert.Null(root.Optional("a"));
        Assert.Null(root.Optional("b"));
        Assert.True(root.HasProperty("A"));
        Assert.False(root.HasProperty("b"));
    }

    [Fact]
    public void Document_PrefixesTheMessage()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse("""{"payload": {}}""", "getOrder").Property("payload").Property("OrderStatus"));
        Assert.Equal("getOrder payload.OrderStatus: expected a value, found nothing.", ex.Message);
    }

    [Theory]
    [InlineData("\"24.00\"", "24.00")]
    [InlineData("24.5", "24.5")]
    [InlineData("\"-1.45\"", "-1.45")]
    [InlineData("0", "0")]
    [InlineData("1e2", "100")]
    public void GetDecimal_NumberOrDecimalString_IsExact(string json, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Parse($$"""{"v": {{json}} }""").Property("v").GetDecimal());
    }

    [Theory]
    [InlineData("\"1,000.00\"")]
    [InlineData("\"12abc\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("\"1e5\"")]
    public void GetDecimal_NotADecimal_Throws(string json)
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse($$"""{"v": {{json}} }""").Property("v").GetDecimal());
        Assert.StartsWith("v: expected a decimal (number or decimal string), found ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetDecimal_BeyondTheAmountBound_IsRejected()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse("""{"v": "79228162514264337593543950335"}""").Property("v").GetDecimal());
        Assert.Equal("v: expected a decimal within ±10^15, found \"79228162514264337593543950335\".", ex.Message);
        Assert.Equal(-JsonCursor.MaxAmount, Parse("""{"v": -1000000000000000}""").Property("v").GetDecimal());
    }

    [Fact]
    public void GetDecimalString_Number_IsRejected()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse("""{"v": 2}""").Property("v").GetDecimalString());
        Assert.Equal("v: expected a decimal string, found 2.", ex.Message);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("\"2\"", 2)]
    [InlineData("-3", -3)]
    public void GetInt32_IntegerOrIntegerString_IsRead(string json, int expected)
    {
        Assert.Equal(expected, Parse($$"""{"v": {{json}} }""").Property("v").GetInt32());
    }

    [Theory]
    [InlineData("2.5", "expected an integer")]
    [InlineData("\"2.0\"", "expected an integer")]
    [InlineData("3000000000", "expected an integer within 32 bits")]
    public void GetInt32_NotAnInt32_Throws(string json, string expectation)
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse($$"""{"v": {{json}} }""").Property("v").GetInt32());
        Assert.StartsWith($"v: {expectation}, found ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetCount_Negative_Throws()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse("""{"v": -1}""").Property("v").GetCount());
        Assert.Equal("v: expected a non-negative integer, found -1.", ex.Message);
    }

    [Theory]
    [InlineData("6120001122334", "6120001122334")]
    [InlineData("\"114-3941689-8772232\"", "114-3941689-8772232")]
    public void GetId_StringOrInteger_IsText(string json, string expected)
    {
        Assert.Equal(expected, Parse($$"""{"v": {{json}} }""").Property("v").GetId());
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("1.5")]
    [InlineData("[]")]
    public void GetId_NotAnId_Throws(string json)
    {
        Assert.Throws<ChannelPayloadException>(() => Parse($$"""{"v": {{json}} }""").Property("v").GetId());
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"False\"", false)]
    public void GetBoolean_JsonOrString_IsRead(string json, bool expected)
    {
        Assert.Equal(expected, Parse($$"""{"v": {{json}} }""").Property("v").GetBoolean());
    }

    [Fact]
    public void GetIsoTime_KeepsTheOffset()
    {
        var value = Parse("""{"v": "2026-11-20T14:03:11-05:00"}""").Property("v").GetIsoTime();
        Assert.Equal(TimeSpan.FromHours(-5), value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 3, 11, TimeSpan.Zero), value);
    }

    [Fact]
    public void GetIsoTime_WithoutOffset_IsUtc()
    {
        var value = Parse("""{"v": "2026-11-20T14:03:11"}""").Property("v").GetIsoTime();
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 3, 11, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("\"11/20/2026\"")]
    [InlineData("\"2026-11-20\"")]
    [InlineData("\"2026-13-20T14:03:11Z\"")]
    [InlineData("1795201498")]
    public void GetIsoTime_NotIso8601_Throws(string json)
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse($$"""{"v": {{json}} }""").Property("v").GetIsoTime());
        Assert.StartsWith("v: expected an ISO 8601 time, found ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EpochReaders_ReadSecondsMillisecondsAndIso()
    {
        var root = Parse("""{"s": 1795201498, "ms": 1795201498000, "mss": "1795201498000", "iso": "2026-11-20T19:04:58Z"}""");
        var expected = new DateTimeOffset(2026, 11, 20, 19, 4, 58, TimeSpan.Zero);
        Assert.Equal(expected, root.Property("s").GetEpochSeconds());
        Assert.Equal(expected, root.Property("ms").GetEpochMilliseconds());
        Assert.Equal(expected, root.Property("mss").GetEpochMillisecondsOrIsoTime());
        Assert.Equal(expected, root.Property("iso").GetEpochMillisecondsOrIsoTime());
    }

    [Fact]
    public void GetEpochSeconds_OutOfRange_Throws()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse("""{"v": 999999999999999}""").Property("v").GetEpochSeconds());
        Assert.Equal("v: expected Unix time in seconds, found 999999999999999.", ex.Message);
    }

    [Fact]
    public void Items_NotAnArray_Throws()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse("""{"v": "x"}""").Property("v").Items());
        Assert.Equal("v: expected an array, found \"x\".", ex.Message);
    }

    [Fact]
    public void ItemsOrSingle_ObjectIsOneElement()
    {
        var single = Assert.Single(Parse("""{"v": {"a": 1}}""").Property("v").ItemsOrSingle());
        Assert.Equal(1, single.Property("a").GetInt32());
        Assert.Equal(2, Parse("""{"v": [1, 2]}""").Property("v").ItemsOrSingle().Count);
    }

    [Fact]
    public void Fail_LongString_IsCutShort()
    {
        var longText = new string('x', 100);
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse($$"""{"v": "{{longText}}"}""").Property("v").GetInt32());
        Assert.Equal($"v: expected an integer, found \"{new string('x', 40)}\"... (100 characters).", ex.Message);
    }

    [Fact]
    public void GetOneOf_Unknown_ListsTheAllowedValues()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse("""{"v": "C"}""").Property("v").GetOneOf(["A", "B"]));
        Assert.Equal("v: expected one of A, B, found \"C\".", ex.Message);
        Assert.Equal("a", Parse("""{"v": "a"}""").Property("v").GetOneOf(["A", "B"]));
    }

    [Fact]
    public void Parse_MalformedJson_NamesLineAndByte()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse("{\n  \"a\": 1,\n  oops\n}"));
        Assert.Equal("body: expected JSON, found malformed JSON (line 3, byte 3).", ex.Message);
        Assert.False(JsonCursor.TryParse(Samples.Utf8("nope"), out _));
    }

    [Fact]
    public void Parse_InvalidUtf8_IsAPayloadError()
    {
        byte[] body = [.. "{\"a\": \""u8, 0xff, 0xfe, .. "\"}"u8];
        var ex = Assert.Throws<ChannelPayloadException>(() => JsonCursor.Parse(body));
        Assert.Equal("body: expected UTF-8 JSON, found bytes that are not valid UTF-8.", ex.Message);
    }

    [Fact]
    public void Parse_NestedDeeperThanTheLimit_IsAPayloadError()
    {
        var deep = new string('[', 100) + new string(']', 100);
        Assert.Throws<ChannelPayloadException>(() => JsonCursor.Parse(Samples.Utf8(deep)));
    }

    [Fact]
    public void ParseEmbedded_JsonInsideAString_KeepsThePath()
    {
        var embedded = Parse("""{"body": "{\"x\": {\"y\": 1}}"}""").Property("body").ParseEmbedded();
        var ex = Assert.Throws<ChannelPayloadException>(() => embedded.Property("x").Property("z"));
        Assert.Equal("body.x.z: expected a value, found nothing.", ex.Message);
    }
}
