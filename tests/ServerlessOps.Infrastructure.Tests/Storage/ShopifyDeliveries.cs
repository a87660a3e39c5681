using System.Text;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Tests.Storage;

/// <summary>Brand-a's Shopify <c>orders/create</c> webhooks as the edge stores them, for the raw-delivery blob tests.</summary>
internal static class ShopifyDeliveries
{
    public static RawDelivery OrderCreated(string id, DateTimeOffset receivedAt, string account = "shop.example", string body = "{\"id\":1}") => new(
        $"shopify:{account}:{id}", "brand-a", SalesChannel.Shopify, account, id, "orders/create", null, receivedAt,
        "/api/webhooks/shopify", new Dictionary<string, string> { ["Content-Type"] = "application/json" }, Encoding.UTF8.GetBytes(body));
}
