using System.Text;
using ServerlessOps.Domain.Channels.Signatures;

namespace ServerlessOps.Domain.Tests.Channels.Signatures;

public sealed class SignatureComparerTests
{
    [Theory]
    [InlineData("secret", "secret", true)]
    [InlineData("secret", "Secret", false)]
    [InlineData("secret", "secret ", false)]
    [InlineData("secre", "secret", false)]
    [InlineData("", "", false)]
    [InlineData(null, "secret", false)]
    [InlineData("secret", null, false)]
    public void FixedTimeEqualsAscii_ComparesExactly(string? presented, string? expected, bool equal)
    {
        Assert.Equal(equal, SignatureComparer.FixedTimeEqualsAscii(presented, expected));
    }

    [Fact]
    public void MatchesAnySecret_AnyOfThem_Matches()
    {
        Assert.True(SignatureComparer.MatchesAnySecret("old", ["new", "old"]));
        Assert.False(SignatureComparer.MatchesAnySecret("other", ["new", "old"]));
        Assert.False(SignatureComparer.MatchesAnySecret("x", []));
        Assert.False(SignatureComparer.MatchesAnySecret("", [""]));
    }

    [Fact]
    public void DigestComparers_DecodeThenCompare()
    {
        var digest = new byte[] { 0xde, 0xad, 0xbe, 0xef };
        Assert.True(SignatureComparer.HexDigestEquals("deadbeef", digest));
        Assert.True(SignatureComparer.HexDigestEquals("DEADBEEF", digest));
        Assert.False(SignatureComparer.HexDigestEquals("deadbee", digest));
        Assert.False(SignatureComparer.HexDigestEquals("deadbeefde", digest));
        Assert.True(SignatureComparer.Base64DigestEquals("3q2+7w==", digest));
        Assert.False(SignatureComparer.Base64DigestEquals("3q2+7w", digest));
        Assert.False(SignatureComparer.Base64DigestEquals(null, digest));
    }

    [Fact]
    public void HmacSha256_PrefixOverload_EqualsHmacOfTheConcatenation()
    {
        var prefix = Encoding.UTF8.GetBytes("app-key");
        var body = Encoding.UTF8.GetBytes("{\"a\":1}");
        Assert.Equal(HmacSha256.Compute("s", [.. prefix, .. body]), HmacSha256.Compute("s", prefix, body));
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", false, true)]
    [InlineData("basic dXNlcjpwYXNz", false, true)]
    [InlineData("dXNlcjpwYXNz", false, false)]
    [InlineData("dXNlcjpwYXNz", true, true)]
    [InlineData("Basic dXNlcjp3cm9uZw==", true, false)]
    [InlineData("Basic", true, false)]
    [InlineData("", true, false)]
    public void BasicCredential_MatchesUserColonPassword(string header, bool prefixOptional, bool expected)
    {
        Assert.Equal(expected, BasicCredential.Matches(header, ["user:pass"], prefixOptional));
    }

    [Fact]
    public void WebhookHeaders_OrdinalDictionary_IsSearchedCaseInsensitively()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["x-shopify-topic"] = "orders/create", ["Blank"] = "  " };
        Assert.Equal("orders/create", WebhookHeaders.Find(headers, "X-Shopify-Topic"));
        Assert.Null(WebhookHeaders.Find(headers, "X-Other"));
        Assert.Null(WebhookHeaders.FindNonBlank(headers, "blank"));
    }
}
