namespace ServerlessOps.Testing.ReviewHistory;

/// <summary>The four marketplaces, with the slug the import files use.</summary>
public enum HistoryChannel
{
    Shopify,
    Amazon,
    Walmart,
    TikTokShop,
}
