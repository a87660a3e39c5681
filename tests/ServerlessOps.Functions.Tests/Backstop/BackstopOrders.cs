using System.Globalization;
using System.Text.Json.Nodes;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Backstop;

/// <summary>Orders put in the stub at a chosen version (the channel's change time) and placement time, one per channel.</summary>
internal static class BackstopOrders
{
    /// <summary>A Walmart order whose every line changed (was cancelled) at <paramref name="version"/>; placed at <paramref name="placedAt"/> when given.</summary>
    public static string Walmart(Marketplace marketplace, DateTimeOffset version, DateTimeOffset? placedAt = null)
    {
        var id = Deliveries.NewWalmartPurchaseOrderId();
        var node = JsonNode.Parse(Deliveries.WalmartOrder(id, version))!;
        if (placedAt is { } placed)
        {
            node["order"]!["orderDate"] = placed.ToUnixTimeMilliseconds();
        }

        marketplace.PutWalmartOrder(id, ChannelSamples.Write(node));
        return id;
    }

    public static string TikTok(Marketplace marketplace, DateTimeOffset version)
    {
        var id = Deliveries.NewTikTokOrderId();
        marketplace.PutTikTokOrder(id, Deliveries.TikTokOrder(id, version));
        return id;
    }

    public static string Amazon(Marketplace marketplace, DateTimeOffset version)
    {
        var id = Deliveries.NewAmazonOrderId();
        var order = ChannelSamples.AmazonGetOrder(id, "Unshipped", version.AddMinutes(-3), version, 42.17m, itemsShipped: 0, itemsUnshipped: 3);
        var items = ChannelSamples.Text("amazon-orders-api-order-items.json").Replace(Deliveries.AmazonSampleOrderId, id, StringComparison.Ordinal);
        marketplace.PutAmazonOrder(id, order, items);
        return id;
    }

    public static string Shopify(Marketplace marketplace, DateTimeOffset version)
    {
        var id = Deliveries.Digits(13);
        var node = ChannelSamples.Load("shopify-orders-create.json");
        node["id"] = long.Parse(id, CultureInfo.InvariantCulture);
        node["updated_at"] = ChannelSamples.ShopifyTime(version);
        marketplace.PutShopifyOrder(id, ChannelSamples.Write(node));
        return id;
    }
}
