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
            case ShopifyTopics.CustomersDataRequest:
            case ShopifyTopics.CustomersRedact:
                var customerId = body.Optional("customer")?.Optional("id")?.GetId() ?? "unknown";
                var orders = body.OptionalAny("orders_requested", "orders_to_redact")?.Items().Count ?? 0;
                return new ChannelNotice($"Privacy request {topic} for customer {customerId} ({orders} orders named)");
            case ShopifyTopics.ShopRedact:
                return new ChannelNotice("Privacy request shop/redact: erase the shop's data");
            default:
                return new ChannelNotice($"Shopify {topic}");
        }
    }
}
