namespace ServerlessOps.Domain.Channels;

/// <summary>The marketplaces ServerlessOps takes webhooks from.</summary>
public enum SalesChannel
{
    Shopify,
    Amazon,
    Walmart,
    TikTokShop,
}
