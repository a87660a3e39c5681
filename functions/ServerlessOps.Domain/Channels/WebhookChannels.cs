using ServerlessOps.Domain.Channels.Amazon;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Domain.Channels.TikTokShop;
using ServerlessOps.Domain.Channels.Walmart;

namespace ServerlessOps.Domain.Channels;

/// <summary>The webhook adapters, one per <see cref="SalesChannel"/>. They are stateless, so one instance each serves every call.</summary>
public static class WebhookChannels
{
    public static readonly IWebhookChannel Shopify = new ShopifyWebhookChannel();
    public static readonly IWebhookChannel Amazon = new AmazonWebhookChannel();
    public static readonly IWebhookChannel Walmart = new WalmartWebhookChannel();
    public static readonly IWebhookChannel TikTokShop = new TikTokShopWebhookChannel();

    public static IReadOnlyList<IWebhookChannel> All { get; } = [Shopify, Amazon, Walmart, TikTokShop];

    public static IWebhookChannel For(SalesChannel channel) => channel switch
    {
        SalesChannel.Shopify => Shopify,
        SalesChannel.Amazon => Amazon,
        SalesChannel.Walmart => Walmart,
        SalesChannel.TikTokShop => TikTokShop,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "No webhook adapter for this channel."),
    };
}
