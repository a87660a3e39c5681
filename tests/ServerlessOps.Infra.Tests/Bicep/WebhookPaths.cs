namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>The marketplace webhook paths: settings.bicep's webhookPaths, the README and the app's routes agree on these.</summary>
public static class WebhookPaths
{
    /// <summary>Output key of main.bicep's webhookUrls to the URL path.</summary>
    public static IReadOnlyDictionary<string, string> ByOutputKey { get; } = new Dictionary<string, string>
    {
        ["shopify"] = "/api/webhooks/shopify",
        ["amazon"] = "/api/webhooks/amazon",
        ["walmart"] = "/api/webhooks/walmart",
        ["tiktok"] = "/api/webhooks/tiktok",
    };

    /// <summary>Function name (SETTINGS.md) to the URL path it must serve.</summary>
    public static IReadOnlyDictionary<string, string> ByFunctionName { get; } = new Dictionary<string, string>
    {
        ["ShopifyWebhook"] = "/api/webhooks/shopify",
        ["AmazonWebhook"] = "/api/webhooks/amazon",
        ["WalmartWebhook"] = "/api/webhooks/walmart",
        ["TikTokShopWebhook"] = "/api/webhooks/tiktok",
    };
}
