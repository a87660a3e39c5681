using ServerlessOps.Domain.Channels.Shopify;

namespace ServerlessOps.Domain.Tests.Channels.Shopify;

public sealed class ShopifyShopDomainTests
{
    [Theory]
    [InlineData("acme-outfitters.myshopify.com", "acme-outfitters.myshopify.com")]
    [InlineData(" Acme-Outfitters.MyShopify.com ", "acme-outfitters.myshopify.com")]
    [InlineData("shop1.myshopify.com", "shop1.myshopify.com")]
    public void ShopifyShopDomain_AShopsDomain_IsNormalisedToLowerCase(string shop, string expected)
    {
        Assert.Equal(expected, ShopifyShopDomain.Normalize(shop));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("evil.example.com")]
    [InlineData("acme.myshopify.com.evil.example")]
    [InlineData("https://acme.myshopify.com")]
    [InlineData("acme.myshopify.com/admin")]
    [InlineData("-acme.myshopify.com")]
    [InlineData("ac_me.myshopify.com")]
    [InlineData(".myshopify.com")]
    public void ShopifyShopDomain_AnythingElse_IsRefused(string? shop)
    {
        Assert.Null(ShopifyShopDomain.Normalize(shop));
    }
}
