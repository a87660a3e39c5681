using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Infrastructure.Tests.Channels;

public sealed class OrderReaderTests
{
    private const string AmazonOrderId = "114-3941689-8772232";
    private const string WalmartOrderId = "108812345678901";
    private const string TikTokOrderId = "576912345678901234";

    [Fact]
    public async Task Amazon_OrderInStub_ReturnsGetOrderAndOrderItemsBodies()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        var order = ChannelSamples.AmazonSampleGetOrder();
        var items = ChannelSamples.Text("amazon-orders-api-order-items.json");
        host.Stub.PutAmazonOrder(AmazonOrderId, order, items);

        var document = await host.Readers.ReadOrderAsync(host.Account(SalesChannel.Amazon), AmazonOrderId, ct);

        Assert.Equal(SalesChannel.Amazon, document.Channel);
        Assert.Equal(AmazonOrderId, document.ExternalOrderId);
        Assert.Equal(order, document.Part(ChannelOrderDocument.AmazonOrder));
        Assert.Equal(items, document.Part(ChannelOrderDocument.AmazonOrderItems));
        Assert.All(host.Stub.Requests(SalesChannel.Amazon), r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(2, host.Stub.RequestCount(SalesChannel.Amazon));
    }

    [Fact]
    public async Task Walmart_OrderInStub_ReturnsGetOrderBodyWithHeadersAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        var json = ChannelSamples.Text("walmart-get-order.json");
        host.Stub.PutWalmartOrder(WalmartOrderId, json);

        var document = await host.Readers.ReadOrderAsync(host.Account(SalesChannel.Walmart), WalmartOrderId, ct);

        Assert.Equal(json, document.Part(ChannelOrderDocument.WalmartOrder));
        Assert.Equal("served", Assert.Single(host.Stub.Requests(SalesChannel.Walmart)).Outcome);
    }

    [Fact]
    public async Task TikTok_OrderInStub_ReturnsOrderDetailWithSignAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        var json = ChannelSamples.Text("tiktok-order-detail.json");
        host.Stub.PutTikTokOrder(TikTokOrderId, json);

        var document = await host.Readers.ReadOrderAsync(host.Account(SalesChannel.TikTokShop), TikTokOrderId, ct);

        Assert.Equal(json, document.Part(ChannelOrderDocument.TikTokOrderDetail));
        Assert.Equal("served", Assert.Single(host.Stub.Requests(SalesChannel.TikTokShop)).Outcome);
    }

    [Fact]
    public async Task TikTok_SingleOrderObjectInStub_IsServedInsideAnOrderDetailResponse()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        var order = ChannelSamples.Load("tiktok-order-detail.json")["data"]!["orders"]![0]!.ToJsonString();
        host.Stub.PutTikTokOrder(TikTokOrderId, order);

        var document = await host.Readers.ReadOrderAsync(host.Account(SalesChannel.TikTokShop), TikTokOrderId, ct);

        var served = JsonNode.Parse(document.Part(ChannelOrderDocument.TikTokOrderDetail))!;
        Assert.Equal(0, served["code"]!.GetValue<int>());
        Assert.Equal(TikTokOrderId, served["data"]!["orders"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task TikTok_ReturnsAsked_ReadsSearchReturnsWithTheSignedBodyIntoTheReturnsPart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        host.Stub.PutTikTokOrder(TikTokOrderId, ChannelSamples.Text("tiktok-order-detail.json"));
        var at = new DateTimeOffset(2026, 11, 25, 16, 20, 5, TimeSpan.Zero);
        host.Stub.PutTikTokReturns(TikTokOrderId, TikTokReturnDocuments.Return(
            TikTokOrderId, "4035312345679990001", "RETURN_AND_REFUND", "RETURN_OR_REFUND_REQUEST_COMPLETE", at, at,
            [new("577000000000000103", "1729500000000000202", "ACME-MUG-12OZ", 13.05m, 0.76m)]));

        var document = await host.Readers.ReadOrderAsync(host.Account(SalesChannel.TikTokShop), TikTokOrderId, includeReturns: true, ct);

        var returns = JsonNode.Parse(document.Part(ChannelOrderDocument.TikTokReturns))!;
        Assert.Equal("4035312345679990001", returns["data"]!["return_orders"]![0]!["return_id"]!.GetValue<string>());
        Assert.Equal(["served", "served returns"], host.Stub.Requests(SalesChannel.TikTokShop).Select(r => r.Outcome));
    }

    [Fact]
    public async Task TikTok_ReturnsOverTwoPages_AreMergedIntoOneAnswer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        host.Stub.PutTikTokOrder(TikTokOrderId, ChannelSamples.Text("tiktok-order-detail.json"));
        var at = new DateTimeOffset(2026, 11, 25, 16, 20, 5, TimeSpan.Zero);
        var returns = Enumerable.Range(0, 55).Select(i => TikTokReturnDocuments.Return(
            TikTokOrderId, $"40353123456799{i:D5}", "REFUND", "RETURN_OR_REFUND_REQUEST_SUCCESS", at, at, [])).ToArray();
        host.Stub.PutTikTokReturns(TikTokOrderId, returns);

        var document = await host.Readers.ReadOrderAsync(host.Account(SalesChannel.TikTokShop), TikTokOrderId, includeReturns: true, ct);

        var merged = JsonNode.Parse(document.Part(ChannelOrderDocument.TikTokReturns))!["data"]!;
        Assert.Equal(55, merged["return_orders"]!.AsArray().Count);
        Assert.Null(merged["next_page_token"]);
        Assert.Equal(3, host.Stub.RequestCount(SalesChannel.TikTokShop));
    }

    [Fact]
    public async Task TikTok_ReturnsNotAsked_AreNotRead()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        host.Stub.PutTikTokOrder(TikTokOrderId, ChannelSamples.Text("tiktok-order-detail.json"));

        var document = await host.Readers.ReadOrderAsync(host.Account(SalesChannel.TikTokShop), TikTokOrderId, includeReturns: false, ct);

        Assert.Null(document.OptionalPart(ChannelOrderDocument.TikTokReturns));
        Assert.Equal(1, host.Stub.RequestCount(SalesChannel.TikTokShop));
    }

    [Fact]
    public async Task Walmart_ReturnsAsked_ReadsTheOrderAloneForItsRefundsAreOnItsLines()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        host.Stub.PutWalmartOrder(WalmartOrderId, ChannelSamples.Text("walmart-get-order.json"));

        var document = await host.Readers.ReadOrderAsync(host.Account(SalesChannel.Walmart), WalmartOrderId, includeReturns: true, ct);

        Assert.Equal([ChannelOrderDocument.WalmartOrder], document.Parts.Keys);
    }

    [Fact]
    public void Readers_Shopify_HasNoReaderBecauseTheWebhookIsTheOrder()
    {
        var readers = new Infrastructure.Channels.ChannelOrderReaders([]);

        Assert.Throws<NotSupportedException>(() => readers.For(SalesChannel.Shopify));
    }

    [Fact]
    public async Task Amazon_OrderItemsInTwoPages_FollowsNextTokenAndMergesItems()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        var sample = ChannelSamples.Load("amazon-orders-api-order-items.json");
        var first = sample.DeepClone();
        first["payload"]!["OrderItems"]!.AsArray().RemoveAt(1);
        first["payload"]!["NextToken"] = "MRgZW55IGNhcm5hbCBwbGVhc3VyZS4=";
        var second = sample.DeepClone();
        second["payload"]!["OrderItems"]!.AsArray().RemoveAt(0);
        host.Stub.PutAmazonOrderItemPages(AmazonOrderId, ChannelSamples.AmazonSampleGetOrder(), [first.ToJsonString(), second.ToJsonString()]);

        var document = await host.Readers.ReadOrderAsync(host.Account(SalesChannel.Amazon), AmazonOrderId, ct);

        var items = JsonNode.Parse(document.Part(ChannelOrderDocument.AmazonOrderItems))!["payload"]!;
        Assert.Equal(["30582183440121", "30582183440122"], items["OrderItems"]!.AsArray().Select(i => i!["OrderItemId"]!.GetValue<string>()));
        Assert.Null(items["NextToken"]);
        Assert.Equal(3, host.Stub.RequestCount(SalesChannel.Amazon));
    }
}
