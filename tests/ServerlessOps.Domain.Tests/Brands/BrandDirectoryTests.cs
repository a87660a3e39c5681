using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Tests.Brands;

public sealed class BrandDirectoryTests
{
    private static ChannelAccountRegistration Registration(string brand, SalesChannel channel, string account) =>
        new(new ChannelAccount(brand, channel, account), new ChannelCredentials(["secret"]));

    private static BrandDirectory Directory() => new(
    [
        Registration("acme", SalesChannel.Shopify, "acme-outfitters.myshopify.com"),
        Registration("acme", SalesChannel.Amazon, "A2EXAMPLESELLR1"),
        Registration("globex", SalesChannel.Shopify, "globex.myshopify.com"),
    ]);

    [Theory]
    [InlineData("acme-outfitters.myshopify.com")]
    [InlineData("ACME-Outfitters.MyShopify.com")]
    [InlineData("  acme-outfitters.myshopify.com ")]
    public void TryResolve_AnyCase_FindsTheBrand(string accountId)
    {
        Assert.True(Directory().TryResolve(SalesChannel.Shopify, accountId, out var registration));
        Assert.Equal("acme", registration.Account.BrandId);
    }

    [Fact]
    public void TryResolve_SameIdOnAnotherChannel_IsNotFound()
    {
        Assert.False(Directory().TryResolve(SalesChannel.Walmart, "A2EXAMPLESELLR1", out _));
        Assert.True(Directory().TryResolve(SalesChannel.Amazon, "a2exampleysellr1".Replace("y", string.Empty, StringComparison.Ordinal), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("unknown.myshopify.com")]
    public void TryResolve_BlankOrUnknown_IsNotFound(string? accountId)
    {
        Assert.False(Directory().TryResolve(SalesChannel.Shopify, accountId, out _));
    }

    [Fact]
    public void Constructor_SameAccountTwiceInAnyCase_IsRejectedNamingBothBrands()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BrandDirectory(
        [
            Registration("acme", SalesChannel.Shopify, "acme-outfitters.myshopify.com"),
            Registration("globex", SalesChannel.Shopify, "ACME-OUTFITTERS.myshopify.com"),
        ]));
        Assert.Contains("'acme'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'globex'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SameIdOnTwoChannels_IsAllowed()
    {
        var directory = new BrandDirectory(
        [
            Registration("acme", SalesChannel.Walmart, "10001234567"),
            Registration("acme", SalesChannel.TikTokShop, "10001234567"),
        ]);
        Assert.Equal(2, directory.All.Count);
    }

    [Fact]
    public void ForChannel_ListsOnlyThatChannelsAccounts()
    {
        Assert.Equal(["acme-outfitters.myshopify.com", "globex.myshopify.com"], Directory().ForChannel(SalesChannel.Shopify).Select(r => r.Account.AccountId).Order());
    }
}
