namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>The four channels' token endpoints, for the token service and the connection flows.</summary>
public sealed class ChannelTokenClients
{
    internal ChannelTokenClients(ShopifyTokenClient shopify, AmazonTokenClient amazon, TikTokShopTokenClient tikTokShop, WalmartTokenClient walmart)
    {
        Shopify = shopify;
        Amazon = amazon;
        TikTokShop = tikTokShop;
        Walmart = walmart;
    }

    internal ShopifyTokenClient Shopify { get; }

    internal AmazonTokenClient Amazon { get; }

    internal TikTokShopTokenClient TikTokShop { get; }

    internal WalmartTokenClient Walmart { get; }

    /// <summary>Shopify: the callback's code for an expiring offline token and its refresh token.</summary>
    public Task<ObtainedToken> ExchangeShopifyCodeAsync(string shop, string code, CancellationToken cancellationToken = default) =>
        Shopify.ExchangeCodeAsync(shop, code, cancellationToken);

    /// <summary>Amazon: the consent callback's <c>spapi_oauth_code</c> for the seller's LWA refresh token.</summary>
    public Task<ObtainedToken> ExchangeAmazonCodeAsync(string code, Uri redirectUri, CancellationToken cancellationToken = default) =>
        Amazon.ExchangeCodeAsync(code, redirectUri, cancellationToken);

    /// <summary>TikTok Shop: the authorisation's <c>code</c> for access and refresh tokens.</summary>
    public Task<ObtainedToken> ExchangeTikTokShopCodeAsync(string code, CancellationToken cancellationToken = default) =>
        TikTokShop.ExchangeCodeAsync(code, cancellationToken);
}
