using ServerlessOps.Domain.Channels.Json;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>Summaries of the deliveries that are only recorded. They name ids, never customer data.</summary>
public static class ShopifyNotices
{
    public static ChannelNotice For(string topic, JsonCursor body)
    {
        body.ExpectObject();
        switch (topic.ToLowerInvariant())
        {
            case ShopifyTopics.OrdersDelete:
                var orderId = body.Property("id").GetId();
                return new ChannelNotice($"Order {orderId} deleted in Shopify", orderId);
            case ShopifyTopics.AppUninstalled:
                return new ChannelNotice("App uninstalled from the shop: the channel account no longer delivers");
            default:
                return new ChannelNotice($"Shopify {topic}");
        }
    }
}
