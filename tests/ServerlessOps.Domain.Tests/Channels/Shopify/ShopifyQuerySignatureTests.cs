using ServerlessOps.Domain.Channels.Shopify;

namespace ServerlessOps.Domain.Tests.Channels.Shopify;

public sealed class ShopifyQuerySignatureTests
{
    // Shopify's documented example ("Verify the installation request"): client secret "hush".
    private const string Secret = "hush";
    private const string ExampleHmac = "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf";

    private static readonly KeyValuePair<string, string>[] _example =
    [
        new("code", "0907a61c0c8d55e99db179b68161bc00"),
        new("hmac", ExampleHmac),
        new("shop", "some-shop.myshopify.com"),
        new("state", "0.6784241404160823"),
        new("timestamp", "1337178173"),
    ];

    [Fact]
    public void ShopifyQuerySignature_ShopifysDocumentedExample_Verifies()
    {
        Assert.Equal(ExampleHmac, ShopifyQuerySignature.Compute(Secret, _example));
        Assert.True(ShopifyQuerySignature.Verify(_example, [Secret]));
    }

    [Fact]
    public void ShopifyQuerySignature_AnyParameterChanged_IsRejected()
    {
        foreach (var name in new[] { "code", "shop", "state", "timestamp" })
        {
            var tampered = _example.Select(p => p.Key == name ? new KeyValuePair<string, string>(p.Key, p.Value + "0") : p).ToList();
            Assert.False(ShopifyQuerySignature.Verify(tampered, [Secret]), name);
        }
    }

    [Fact]
    public void ShopifyQuerySignature_WrongSecretMissingOrRepeatedHmac_IsRejected()
    {
        Assert.False(ShopifyQuerySignature.Verify(_example, ["not-hush"]));
        Assert.False(ShopifyQuerySignature.Verify([.. _example.Where(p => p.Key != "hmac")], [Secret]));
        Assert.False(ShopifyQuerySignature.Verify([.. _example, new("hmac", ExampleHmac)], [Secret]));
        Assert.False(ShopifyQuerySignature.Verify(_example, []));
    }

    [Fact]
    public void ShopifyQuerySignature_DuringSecretRotation_EitherSecretVerifies()
    {
        Assert.True(ShopifyQuerySignature.Verify(_example, ["the-new-secret", Secret]));
    }

    [Fact]
    public void ShopifyQuerySignature_ValuesAreFormEncodedAndSortedByName()
    {
        var message = ShopifyQuerySignature.Message([new("state", "a b&c=d"), new("host", "YWJj/+="), new("hmac", "x"), new("signature", "y")]);

        Assert.Equal("host=YWJj%2F%2B%3D&state=a+b%26c%3Dd", message);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(89, true)]
    [InlineData(-89, true)]
    [InlineData(91, false)]
    [InlineData(-91, false)]
    public void ShopifyQuerySignature_TimestampWindow_AllowsNinetySecondsEitherWay(int secondsOff, bool within)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1337178173);

        Assert.Equal(within, ShopifyQuerySignature.IsWithinWindow((1337178173 + secondsOff).ToString(System.Globalization.CultureInfo.InvariantCulture), now, ShopifyQuerySignature.DefaultWindow));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public void ShopifyQuerySignature_TimestampMissingOrMalformed_IsOutsideTheWindow(string? timestamp)
    {
        Assert.False(ShopifyQuerySignature.IsWithinWindow(timestamp, DateTimeOffset.FromUnixTimeSeconds(1337178173), ShopifyQuerySignature.DefaultWindow));
    }
}
