using ServerlessOps.Functions.Durable;
using ServerlessOps.Functions.Queues;
using ServerlessOps.Functions.Timers;

namespace ServerlessOps.Functions.CustomHandler;

/// <summary>
/// Every function the app implements, as its Bindings/&lt;Name&gt;/function.json must declare it. The binding
/// consistency test compares both directions, so adding a trigger here without its function.json (or the
/// reverse) fails the build's tests rather than a deployment.
/// </summary>
public static class FunctionCatalog
{
    private static readonly string[] Post = ["post"];
    private static readonly string[] Get = ["get"];
    private static readonly string[] GetPost = ["get", "post"];
    private static readonly string[] GetPostDelete = ["get", "post", "delete"];

    public static IReadOnlyList<FunctionDescriptor> All { get; } =
    [
        .. DurableHosting.Queues.Select(q => new FunctionDescriptor(q.FunctionName, FunctionTrigger.Queue, QueueName: q.QueueName)),
        new("DurableManagement", FunctionTrigger.Http, Route: "api/durabletask/{*rest}", Methods: GetPostDelete),
        new("ShopifyWebhook", FunctionTrigger.Http, Route: "api/webhooks/shopify", Methods: Post),
        new("AmazonWebhook", FunctionTrigger.Http, Route: "api/webhooks/amazon", Methods: Post),
        new("WalmartWebhook", FunctionTrigger.Http, Route: "api/webhooks/walmart", Methods: Post),
        new("TikTokShopWebhook", FunctionTrigger.Http, Route: "api/webhooks/tiktok", Methods: Post),
        new("BrandsApi", FunctionTrigger.Http, Route: "api/brands/{brandId}/{*rest}", Methods: GetPost),
        new("Health", FunctionTrigger.Http, Route: "api/health", Methods: Get),
        new("OpenApiDocument", FunctionTrigger.Http, Route: "openapi/{documentName}.json", Methods: Get),
        new(ProcessWebhookDeliveryFunction.FunctionName, FunctionTrigger.Queue, QueueName: "webhook-deliveries"),
        new(ProcessPoisonDeliveryFunction.FunctionName, FunctionTrigger.Queue, QueueName: "webhook-deliveries-poison"),
        new(RecoverStrandedDeliveriesTimer.FunctionName, FunctionTrigger.Timer, Schedule: RecoverStrandedDeliveriesTimer.Cron),
    ];
}
