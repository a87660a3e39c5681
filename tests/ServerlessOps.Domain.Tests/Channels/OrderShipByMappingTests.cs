using System.Text;
using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Amazon;
using ServerlessOps.Domain.Channels.TikTokShop;
using ServerlessOps.Domain.Channels.Walmart;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Tests.Channels.Amazon;
using ServerlessOps.Domain.Tests.Channels.Shopify;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels;

/// <summary>
/// Each channel's ship-by deadline lands in <see cref="Order.ShipBy"/> (the order flow's SLA timer): Amazon's
/// <c>LatestShipDate</c>, Walmart's <c>shippingInfo.estimatedShipDate</c>, TikTok's <c>rts_sla_time</c> (else
/// <c>shipping_due_time</c>); Shopify states none, so the brand's policy decides.
/// </summary>
public sealed class OrderShipByMappingTests
{
    [Fact]
    public void Amazon_GetOrder_LatestShipDateIsTheShipBy()
    {
        var order = new AmazonWebhookChannel().MapApiOrder(
            AmazonOrderMapperTests.Document(AmazonOrderMapperTests.UnshippedOrder, Text("amazon-orders-api-order-items.json")), Accounts.Amazon);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 59, 59, TimeSpan.Zero), order.ShipBy);
    }

    [Fact]
    public void Amazon_GetOrderWithoutLatestShipDate_HasNoShipBy()
    {
        var json = JsonNode.Parse(AmazonOrderMapperTests.UnshippedOrder)!;
        json["payload"]!.AsObject().Remove("LatestShipDate");

        var order = new AmazonWebhookChannel().MapApiOrder(
            AmazonOrderMapperTests.Document(json.ToJsonString(), Text("amazon-orders-api-order-items.json")), Accounts.Amazon);

        Assert.Null(order.ShipBy);
    }

    [Fact]
    public void Walmart_GetOrder_EstimatedShipDateInEpochMillisecondsIsTheShipBy()
    {
        var order = Walmart(Text("walmart-get-order.json"));

        // 1795240800000 ms = 2026-11-21T06:00:00Z, the same instant PO_CREATED states as ISO text.
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero), order.ShipBy);
    }

    [Fact]
    public void Walmart_GetOrder_EstimatedShipDateAsIsoTextIsReadToo()
    {
        var json = JsonNode.Parse(Text("walmart-get-order.json"))!;
        json["order"]!["shippingInfo"]!["estimatedShipDate"] = "2026-11-22T18:30:00.000Z";

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 18, 30, 0, TimeSpan.Zero), Walmart(json.ToJsonString()).ShipBy);
    }

    [Fact]
    public void Walmart_EstimatedShipDateNotATime_IsRejectedNamingTheField()
    {
        var json = JsonNode.Parse(Text("walmart-get-order.json"))!;
        json["order"]!["shippingInfo"]!["estimatedShipDate"] = "soon";

        var error = Assert.Throws<ChannelPayloadException>(() => Walmart(json.ToJsonString()));
        Assert.Contains("estimatedShipDate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TikTok_RtsSlaTime_IsTheShipBy_BeforeShippingDueTime()
    {
        var order = TikTok(o =>
        {
            o["rts_sla_time"] = 1795413600;
            o["shipping_due_time"] = 1795500000;
        });

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795413600), order.ShipBy);
    }

    [Fact]
    public void TikTok_OnlyShippingDueTime_IsTheShipBy()
    {
        var order = TikTok(o => o["shipping_due_time"] = 1795500000);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795500000), order.ShipBy);
    }

    [Fact]
    public void TikTok_NeitherDeadline_HasNoShipBy()
    {
        Assert.Null(TikTok(_ => { }).ShipBy);
    }

    [Fact]
    public void Shopify_OrdersCreate_StatesNoShipBy_TheBrandPolicyDecides()
    {
        Assert.Null(ShopifyOrderMapperTests.Snapshot("shopify-orders-create.json", "orders/create").ShipBy);
    }

    private static string Text(string sample) => Encoding.UTF8.GetString(Samples.Bytes(sample));

    private static Order Walmart(string json) =>
        new WalmartWebhookChannel().MapApiOrder(
            new ChannelOrderDocument(SalesChannel.Walmart, "108812345678901", new Dictionary<string, string> { [ChannelOrderDocument.WalmartOrder] = json }),
            Accounts.Walmart);

    private static Order TikTok(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(Text("tiktok-order-detail.json"))!;
        var order = json["data"]!["orders"]![0]!.AsObject();
        order.Remove("rts_sla_time");
        order.Remove("shipping_due_time");
        edit(order);
        return new TikTokShopWebhookChannel().MapApiOrder(
            new ChannelOrderDocument(SalesChannel.TikTokShop, "576912345678901234", new Dictionary<string, string> { [ChannelOrderDocument.TikTokOrderDetail] = json.ToJsonString() }),
            Accounts.TikTok);
    }
}
