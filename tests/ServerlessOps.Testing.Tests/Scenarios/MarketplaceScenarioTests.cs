using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Testing.Tests.Scenarios;

public sealed class MarketplaceScenarioTests
{
    private static readonly MarketplaceScenario _default = MarketplaceScenario.Build();

    [Fact]
    public void Build_SameSeed_GivesTheSameStreamByteForByte()
    {
        var again = MarketplaceScenario.Build();

        Assert.Equal(_default.Steps.Count, again.Steps.Count);
        Assert.All(_default.Steps.Zip(again.Steps), pair =>
        {
            Assert.Equal(pair.First.Webhook.DeliveryId, pair.Second.Webhook.DeliveryId);
            Assert.Equal(pair.First.Webhook.Body.ToArray(), pair.Second.Webhook.Body.ToArray());
            Assert.Equal(pair.First.Kind, pair.Second.Kind);
        });
    }

    [Fact]
    public void Build_OtherSeed_GivesAnotherStream()
    {
        var other = MarketplaceScenario.Build(new MarketplaceScenarioOptions { Seed = 7 });

        Assert.NotEqual(_default.Steps.Select(s => s.Webhook.DeliveryId), other.Steps.Select(s => s.Webhook.DeliveryId));
    }

    [Fact]
    public void Build_Default_CoversEveryChannelTopicAndDisorder()
    {
        var topics = _default.Steps.Select(s => (s.Channel, s.Topic)).ToHashSet();

        Assert.Contains((SalesChannel.Shopify, "orders/create"), topics);
        Assert.Contains((SalesChannel.Shopify, "orders/updated"), topics);
        Assert.Contains((SalesChannel.Shopify, "orders/cancelled"), topics);
        Assert.Contains((SalesChannel.Shopify, "inventory_levels/update"), topics);
        Assert.Contains((SalesChannel.Amazon, "ORDER_CHANGE"), topics);
        Assert.Contains((SalesChannel.Amazon, "LISTINGS_ITEM_MFN_QUANTITY_CHANGE"), topics);
        Assert.Contains((SalesChannel.Amazon, "ANY_OFFER_CHANGED"), topics);
        Assert.Contains((SalesChannel.Walmart, "PO_CREATED"), topics);
        Assert.Contains((SalesChannel.Walmart, "PO_LINE_AUTOCANCELLED"), topics);
        Assert.Contains((SalesChannel.Walmart, "INVENTORY_OOS"), topics);
        Assert.Contains((SalesChannel.Walmart, "BUY_BOX_CHANGED"), topics);
        Assert.Contains((SalesChannel.TikTokShop, "1"), topics);
        Assert.Contains((SalesChannel.TikTokShop, "11"), topics);
        Assert.Contains((SalesChannel.TikTokShop, "12"), topics);
        Assert.True(_default.DuplicateDeliveries > 0);
        Assert.True(_default.OutOfOrderDeliveries > 0);
        Assert.Equal(4 * 6, _default.ExpectedOrders.Count);
        Assert.Equal(4, _default.PriceEvents);
        foreach (var status in new[] { OrderStatus.AwaitingFulfilment, OrderStatus.Fulfilled, OrderStatus.Cancelled, OrderStatus.PartiallyCancelled })
        {
            Assert.Contains(_default.ExpectedOrders, o => o.Status == status);
        }

        // Issue 15 item 9: the quick start shows a partial cancellation and a TikTok refund landing.
        Assert.Contains(_default.ExpectedOrders, o => o.Channel == SalesChannel.Walmart && o.Status == OrderStatus.PartiallyCancelled && o.CancelledUnits > 0);
        Assert.Contains(_default.ExpectedOrders, o => o.Channel == SalesChannel.TikTokShop
            && o.Status is OrderStatus.PartiallyRefunded or OrderStatus.Refunded && o.ChannelStatus == "DELIVERED" && o.RefundedAmount > 0);
    }

    [Fact]
    public void Duplicates_RepeatAnEarlierDeliveryIdWithIdenticalBytes()
    {
        foreach (var duplicate in _default.Steps.Where(s => s.Kind == ScenarioDeliveryKind.Duplicate))
        {
            var original = _default.Steps.First(s => s.Webhook.DeliveryId == duplicate.Webhook.DeliveryId);

            Assert.True(original.Sequence < duplicate.Sequence);
            Assert.NotEqual(ScenarioDeliveryKind.Duplicate, original.Kind);
            Assert.Equal(original.Webhook.Body.ToArray(), duplicate.Webhook.Body.ToArray());
            Assert.Equal(original.Webhook.Headers, duplicate.Webhook.Headers);
        }

        Assert.Equal(_default.DistinctDeliveries, _default.Steps.Select(s => s.Webhook.DeliveryId).Distinct().Count());
    }

    [Fact]
    public void OutOfOrder_LastEventOfAnOrderArrivesBeforeItsFirst()
    {
        foreach (var early in _default.Steps.Where(s => s.Kind == ScenarioDeliveryKind.OutOfOrder))
        {
            var later = _default.Steps.Where(s => s.ExternalOrderId == early.ExternalOrderId && s.Sequence > early.Sequence && s.Kind == ScenarioDeliveryKind.Original);

            Assert.NotEmpty(later);
        }

        Assert.Contains(
            _default.Steps.Where(s => s.Kind == ScenarioDeliveryKind.OutOfOrder),
            s => s.Topic is "orders/cancelled" or "PO_LINE_AUTOCANCELLED" or "11" || (s.Topic == "ORDER_CHANGE" && Status(s) != "Unshipped"));
    }

    [Fact]
    public void Documents_NeverGoBackInTime_AndEndAtTheExpectedFinalDocument()
    {
        foreach (var expected in _default.ExpectedOrders.Where(o => o.Channel != SalesChannel.Shopify))
        {
            var served = _default.Steps.Where(s => s.ExternalOrderId == expected.ExternalOrderId).Select(s => s.Document!).ToList();
            var versions = served.Select(Version).ToList();

            Assert.Equal(versions.Order(), versions);
            Assert.Same(expected.FinalDocument, served[^1]);
            Assert.Equal(expected.UpdatedAt, versions[^1]);
        }
    }

    [Fact]
    public void ShopifyFinalSnapshot_IsTheNewestUpdatedAtSent()
    {
        foreach (var expected in _default.ExpectedOrders.Where(o => o.Channel == SalesChannel.Shopify))
        {
            var bodies = _default.Steps.Where(s => s.ExternalOrderId == expected.ExternalOrderId).Select(s => Encoding.UTF8.GetString(s.Webhook.Body.Span)).ToList();
            var newest = bodies.MaxBy(b => DateTimeOffset.Parse(JsonNode.Parse(b)!["updated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture));

            Assert.Equal(expected.FinalSnapshot, newest);
            Assert.Equal(expected.Status == OrderStatus.Cancelled, JsonNode.Parse(newest!)!["cancelled_at"] is not null);
        }
    }

    [Fact]
    public void ShopifyBodies_TotalsAddUp()
    {
        foreach (var step in _default.Steps.Where(s => s.Topic.StartsWith("orders/", StringComparison.Ordinal)))
        {
            var order = JsonNode.Parse(step.Webhook.Body.Span)!;
            decimal Money(string field) => decimal.Parse(order[field]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var lines = order["line_items"]!.AsArray().Sum(l => decimal.Parse(l!["price"]!.GetValue<string>(), CultureInfo.InvariantCulture) * l["quantity"]!.GetValue<int>());

            Assert.Equal(Money("total_line_items_price"), lines);
            Assert.Equal(Money("total_price"), Money("subtotal_price") + Money("total_tax") + 5.99m);
        }
    }

    [Fact]
    public void Webhooks_AreSignedWithTheScenarioAccounts()
    {
        var accounts = _default.Accounts;
        foreach (var step in _default.Steps)
        {
            var webhook = step.Webhook;
            switch (step.Channel)
            {
                case SalesChannel.Shopify:
                    Assert.Equal(WebhookSigner.ShopifyHmac(webhook.Body.Span, accounts.ShopifySecret), webhook.Headers["X-Shopify-Hmac-Sha256"]);
                    Assert.Equal(accounts.ShopifyShopDomain, webhook.Headers["X-Shopify-Shop-Domain"]);
                    break;
                case SalesChannel.Amazon:
                    Assert.Equal(accounts.AmazonSecret, webhook.Headers[accounts.AmazonCredentialHeader]);
                    Assert.Contains(accounts.AmazonSellerId, Encoding.UTF8.GetString(webhook.Body.Span), StringComparison.Ordinal);
                    break;
                case SalesChannel.Walmart:
                    Assert.Equal(accounts.WalmartSecret, webhook.Headers[accounts.WalmartCredentialHeader]);
                    Assert.Equal(accounts.WalmartPartnerId, JsonNode.Parse(webhook.Body.Span)!["payload"]!["partnerId"]!.GetValue<string>());
                    break;
                case SalesChannel.TikTokShop:
                    Assert.Equal(WebhookSigner.TikTokAuthorization(webhook.Body.Span, accounts.TikTokAppKey, accounts.TikTokAppSecret), webhook.Headers["Authorization"]);
                    Assert.Equal(accounts.TikTokShopId, JsonNode.Parse(webhook.Body.Span)!["shop_id"]!.GetValue<string>());
                    break;
            }

            Assert.Contains(webhook.DeliveryId, Encoding.UTF8.GetString(webhook.Body.Span) + string.Join(' ', webhook.Headers.Values), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ExpectedInventory_HoldsTheNewestLevelPerItem()
    {
        Assert.NotEmpty(_default.ExpectedInventory);
        Assert.Equal(
            _default.ExpectedInventory.Count,
            _default.ExpectedInventory.Select(l => (l.Channel, l.Sku, l.ChannelItemId, l.LocationId)).Distinct().Count());
        Assert.All(_default.ExpectedInventory.Where(l => l.Channel == SalesChannel.Walmart), l => Assert.Equal(0, l.Available));
    }

    [Fact]
    public void Configuration_FollowsTheSettingsLayout()
    {
        var settings = _default.Configuration(new Uri("http://127.0.0.1:5555/")).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("Shopify", settings["Brands:acme:Accounts:0:Channel"]);
        Assert.Equal("acme-outfitters.myshopify.com", settings["Brands:acme:Accounts:0:AccountId"]);
        Assert.Equal("x-serverlessops-key", settings["Brands:acme:Accounts:1:CredentialHeader"]);
        Assert.Equal("Header", settings["Brands:acme:Accounts:2:AuthMethod"]);
        Assert.Equal("test-tts-app-key", settings["Brands:acme:Accounts:3:AppKey"]);
        Assert.Equal("TTP_EXAMPLECIPHER", settings["Brands:acme:Accounts:3:ShopCipher"]);
        Assert.Equal("http://127.0.0.1:5555/", settings["Channels:TikTokShop:BaseUrl"]);
    }

    [Fact]
    public void Build_LargerStream_KeepsIdsUnique()
    {
        var large = MarketplaceScenario.Build(new MarketplaceScenarioOptions { OrdersPerChannel = 200, Seed = 99 });

        Assert.Equal(800, large.ExpectedOrders.Select(o => o.OrderId).Distinct().Count());
        Assert.Equal(large.DistinctDeliveries, large.Steps.Select(s => s.Webhook.DeliveryId).Distinct().Count());
    }

    private static string Status(ScenarioStep step) =>
        JsonNode.Parse(step.Webhook.Body.Span)!["notification"]!["Payload"]!["OrderChangeNotification"]!["Summary"]!["OrderStatus"]!.GetValue<string>();

    private static DateTimeOffset Version(ChannelOrderDocument document) => document.Channel switch
    {
        SalesChannel.Amazon => DateTimeOffset.Parse(
            JsonNode.Parse(document.Part(ChannelOrderDocument.AmazonOrder))!["payload"]!["LastUpdateDate"]!.GetValue<string>(), CultureInfo.InvariantCulture),
        SalesChannel.Walmart => JsonNode.Parse(document.Part(ChannelOrderDocument.WalmartOrder))!["order"]!["orderLines"]!["orderLine"]!.AsArray()
            .Max(l => DateTimeOffset.FromUnixTimeMilliseconds(l!["statusDate"]!.GetValue<long>())),
        SalesChannel.TikTokShop => DateTimeOffset.FromUnixTimeSeconds(
            JsonNode.Parse(document.Part(ChannelOrderDocument.TikTokOrderDetail))!["data"]!["orders"]![0]!["update_time"]!.GetValue<long>()),
        _ => throw new ArgumentOutOfRangeException(nameof(document)),
    };
}
