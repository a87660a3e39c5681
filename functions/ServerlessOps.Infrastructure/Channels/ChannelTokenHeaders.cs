using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// The header each channel's API takes the access token in, written once: every request builder sends the token in it
/// and <see cref="ChannelAccessTokenRenewalHandler"/> looks for the token there, so a request whose builder spelled the
/// header differently would never have a refused token renewed.
/// </summary>
internal static class ChannelTokenHeaders
{
    /// <summary>Shopify Admin API (REST and GraphQL).</summary>
    public const string Shopify = "X-Shopify-Access-Token";

    /// <summary>Selling Partner API: the Login with Amazon token (no SigV4 since 2023).</summary>
    public const string Amazon = "x-amz-access-token";

    /// <summary>Walmart Marketplace API.</summary>
    public const string Walmart = "WM_SEC.ACCESS_TOKEN";

    /// <summary>TikTok Shop Open API: outside the <c>sign</c> (CHANNELS.md 4.6).</summary>
    public const string TikTokShop = "x-tts-access-token";

    public static string For(SalesChannel channel) => channel switch
    {
        SalesChannel.Shopify => Shopify,
        SalesChannel.Amazon => Amazon,
        SalesChannel.Walmart => Walmart,
        SalesChannel.TikTokShop => TikTokShop,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "No channel API token header known."),
    };
}
