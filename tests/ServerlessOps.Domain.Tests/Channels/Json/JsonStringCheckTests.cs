using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Json;

public sealed class JsonStringCheckTests
{
    [Theory]
    [InlineData("{\"a\": \"\\ud800\"}", 7)]
    [InlineData("{\"a\": \"\\udfff\\ud800\"}", 7)]
    [InlineData("{\"\\ud800\": 1}", 2)]
    public void Parse_LoneSurrogateEscape_IsAPayloadErrorNamingLineAndByte(string json, int column)
    {
        var error = Assert.Throws<ChannelPayloadException>(() => JsonCursor.Parse(Samples.Utf8(json)));

        Assert.Equal($"body: expected JSON text, found a string escape that is not text, such as a lone surrogate (line 1, byte {column}).", error.Message);
    }

    [Theory]
    [InlineData("{\"a\": \"\\ud83d\\ude00\"}")]
    [InlineData("{\"a\": \"\\u0041\"}")]
    [InlineData("{\"a\": \"plain\"}")]
    public void TryFindUnreadableString_PairedOrNoEscapes_FindsNothing(string json)
    {
        Assert.False(JsonStringCheck.TryFindUnreadableString(Samples.Utf8(json), out _, out _));
    }

    [Fact]
    public void GetAmount_NegativePrice_IsRefusedNamingThePath()
    {
        var cursor = JsonCursor.Parse(Samples.Utf8("{\"price\": \"-14.50\"}"));

        var error = Assert.Throws<ChannelPayloadException>(() => cursor.Property("price").GetAmount());

        Assert.Equal("price: expected an amount of zero or more, found \"-14.50\".", error.Message);
    }

    [Fact]
    public void Parse_MemberWrittenTwice_IsAPayloadErrorNamingItAndWhere()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => JsonCursor.Parse(Samples.Utf8("{\"id\": 1,\n \"id\": 2}")));

        Assert.Equal("body: expected each member once, found \"id\" written twice in one object (line 2, byte 2).", error.Message);
    }
}
