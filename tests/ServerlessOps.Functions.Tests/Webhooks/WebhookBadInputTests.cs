using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Webhooks;

public sealed class WebhookBadInputTests(FunctionAppFixture fixture)
{
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    /// <summary>
    /// Shopify and Walmart name the account outside the body (header, query), so a malformed body still
    /// authenticates and is kept in quarantine; Amazon and TikTok name it inside the body, so nothing can be
    /// authenticated and nothing is kept.
    /// </summary>
    [Theory]
    [InlineData(SalesChannel.Shopify, true)]
    [InlineData(SalesChannel.Amazon, false)]
    [InlineData(SalesChannel.Walmart, true)]
    [InlineData(SalesChannel.TikTokShop, false)]
    public async Task Webhook_MalformedJson_Is400ProblemAndKeptOnlyWhenAuthenticated(SalesChannel channel, bool authenticated)
    {
        await using var app = TestApp.Start(fixture);
        const string text = "{\"id\": 6120001122334, \"line_items\": [";
        var body = Deliveries.Utf8(text);
        var webhook = channel == SalesChannel.Shopify
            ? Deliveries.Shopify(body, "orders/create")
            : Accounts.Sign(channel, body, Deliveries.NewId(), at: DateTimeOffset.UtcNow);

        using var response = await app.Client.SendAsync(webhook);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        var quarantine = await app.Client.QuarantineAsync();
        if (!authenticated)
        {
            Assert.Empty(quarantine);
            Assert.Empty(await app.Client.ChannelEventsAsync());
            return;
        }

        var entry = Assert.Single(quarantine);
        Assert.Equal(channel.ToString(), entry.Str("channel"));
        using var raw = await app.Client.GetRawDeliveryAsync(channel, entry.Str("deliveryKey"));
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal(text, Json.Parse(await raw.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Str("body"));
        Assert.Equal("Quarantined", Assert.Single(await app.Client.ChannelEventsAsync()).Str("outcome"));
    }

    [Fact]
    public async Task WalmartWebhook_EnvelopeMissingEventId_Is400NamingTheField()
    {
        await using var app = TestApp.Start(fixture);
        var node = System.Text.Json.Nodes.JsonNode.Parse(ChannelSamples.Text("walmart-po-created.json"))!;
        node["source"]!.AsObject().Remove("eventId");
        var webhook = Deliveries.Walmart(Deliveries.Utf8(ChannelSamples.Write(node)), Deliveries.NewId());

        using var response = await app.Client.SendAsync(webhook);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "eventId");
    }

    /// <summary>
    /// A rejection's detail quotes what the channel sent, and the rejection log line carried it raw: a value with a newline
    /// wrote a log line of its own. The log keeps the kind and the expectation; the response still names the value.
    /// </summary>
    [Theory]
    [InlineData("PO_CREATED\nFORGED rejection of sam.buyer@example.com")]
    [InlineData("PO_CREATED'\nFORGED line after a closing quote")]
    public async Task WalmartWebhook_EventTypeCarryingANewline_IsRefusedAndLoggedOnOneLineWithoutTheValue(string eventType)
    {
        await using var app = TestApp.Start(fixture);
        var node = System.Text.Json.Nodes.JsonNode.Parse(ChannelSamples.Text("walmart-po-created.json"))!;
        node["source"]!["eventType"] = eventType;
        var webhook = Deliveries.Walmart(Deliveries.Utf8(ChannelSamples.Write(node)), Deliveries.NewId());

        using var response = await app.Client.SendAsync(webhook);

        await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "FORGED");
        var rejected = Assert.Single(app.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1102);
        Assert.DoesNotContain(rejected.Message, char.IsControl);
        Assert.DoesNotContain("sam.buyer@example.com", rejected.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Found by the bad-input drill: a 40,000-character notification id answered 500, because the id travels in the raw
    /// delivery's blob metadata and storage refused it. It is now refused as bad input and the body kept for inspection.
    /// </summary>
    [Fact]
    public async Task TikTokWebhook_OverlongNotificationId_Is400NamingTheIdAndKeptInQuarantine()
    {
        await using var app = TestApp.Start(fixture);
        var notificationId = new string('7', 40_000);
        var body = Deliveries.TikTokStatusChange(Deliveries.NewTikTokOrderId(), notificationId);

        using var response = await app.Client.SendAsync(Deliveries.TikTok(body, notificationId));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "delivery id is 40,000 characters");
        var entry = Assert.Single(await app.Client.QuarantineAsync());
        Assert.Contains("at most 256", entry.Str("reason"), StringComparison.Ordinal);
        Assert.Equal("Quarantined", Assert.Single(await app.Client.ChannelEventsAsync()).Str("outcome"));
    }

    /// <summary>
    /// Shopify's order body is only read after the acknowledgement (the 5 s deadline), so a body missing a
    /// required field is accepted, then quarantined with a reason naming the field, never dropped.
    /// </summary>
    [Fact]
    public async Task ShopifyWebhook_OrderMissingLineItems_IsAcceptedThenQuarantinedNamingTheField()
    {
        await using var app = TestApp.Start(fixture);
        var body = Deliveries.ShopifyBody("shopify-orders-create.json", node => node.AsObject().Remove("line_items"));

        var ack = await app.Client.SendAcceptedAsync(Deliveries.Shopify(body, "orders/create"));

        Assert.Equal("Quarantined", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        var entry = await app.Client.WaitForQuarantineAsync(ack.DeliveryKey);
        Assert.Contains("line_items", entry.Str("reason"), StringComparison.Ordinal);
        Assert.Null(await app.Client.GetOrderAsync("shopify:" + Deliveries.ShopifyOrderId));
    }

    [Fact]
    public async Task ShopifyWebhook_MissingWebhookIdHeader_Is400NamingTheHeader()
    {
        await using var app = TestApp.Start(fixture);
        var signed = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");
        var withoutId = signed with { Headers = signed.Headers.Where(h => h.Key != "X-Shopify-Webhook-Id").ToDictionary() };

        using var response = await app.Client.SendAsync(withoutId);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "X-Shopify-Webhook-Id");
        Assert.Null(await app.Client.GetOrderAsync("shopify:" + Deliveries.ShopifyOrderId));
    }

    [Fact]
    public async Task ShopifyWebhook_TextPlainContentType_Is415NamingBothTypes()
    {
        await using var app = TestApp.Start(fixture);
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create") with { ContentType = "text/plain" };

        using var response = await app.Client.SendAsync(webhook);

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json", "text/plain");
        await app.Client.AssertNothingStoredAsync(SalesChannel.Shopify, ServerlessOps.Domain.Ingestion.DeliveryKey.For(SalesChannel.Shopify, Accounts.ShopifyShopDomain, webhook.DeliveryId));
    }

    [Fact]
    public async Task ShopifyWebhook_BodyOverMaxBodyBytes_Is413NamingTheLimit()
    {
        await using var app = TestApp.Start(fixture, new Dictionary<string, string> { ["Ingestion:MaxBodyBytes"] = "4096" });
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");
        Assert.True(webhook.Body.Length > 4096);

        using var response = await app.Client.SendAsync(webhook);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "4096");
        await app.Client.AssertNothingStoredAsync(SalesChannel.Shopify, ServerlessOps.Domain.Ingestion.DeliveryKey.For(SalesChannel.Shopify, Accounts.ShopifyShopDomain, webhook.DeliveryId));
    }

    [Fact]
    public async Task ShopifyWebhook_PathAndQueryOverTheLimit_Is400NamingTheLimit_AndNothingStored()
    {
        // Shopify signs the body only, so anyone holding one signed body could add a query string; the path is stored in
        // the raw blob's metadata, which the storage service would refuse after the delivery had been acknowledged.
        await using var app = TestApp.Start(fixture);
        var signed = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");
        var webhook = signed with { Path = signed.Path + "?note=" + new string('n', 2100) };

        using var response = await app.Client.SendAsync(webhook);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "2,048");
        await app.Client.AssertNothingStoredAsync(SalesChannel.Shopify, ServerlessOps.Domain.Ingestion.DeliveryKey.For(SalesChannel.Shopify, Accounts.ShopifyShopDomain, webhook.DeliveryId));
    }

    /// <summary>
    /// The account a Walmart delivery names (its query, else its body) is read before the caller is authenticated, so
    /// the unknown-account log line must not let it start a forged second line.
    /// </summary>
    [Fact]
    public async Task WalmartWebhook_UnknownAccountCarryingANewline_Is403AndLoggedOnOneLine()
    {
        await using var app = TestApp.Start(fixture);
        var signed = Deliveries.Walmart(Deliveries.Utf8(ChannelSamples.Text("walmart-po-created.json")), Deliveries.NewId());
        var webhook = signed with { Path = signed.Path.Split('?')[0] + "?account=" + Uri.EscapeDataString("99999\nFORGED unknown-account line") };

        using var response = await app.Client.SendAsync(webhook);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "FORGED");
        var logged = Assert.Single(app.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1103);
        Assert.DoesNotContain(logged.Message, char.IsControl);
        Assert.Contains("FORGED", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShopifyWebhook_UnknownShopDomain_Is403NamingTheShop()
    {
        await using var app = TestApp.Start(fixture);
        var stranger = Accounts with { ShopifyShopDomain = "someone-else.myshopify.com" };
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", accounts: stranger);

        using var response = await app.Client.SendAsync(webhook);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "someone-else.myshopify.com");
        Assert.Empty(await app.Client.ChannelEventsAsync());
        Assert.Empty(await app.Client.QuarantineAsync());
    }

    [Fact]
    public async Task ReadApis_BadParameters_AreProblemsNamingTheParameter()
    {
        await using var app = TestApp.Start(fixture);

        using var badDay = await app.Client.Http.GetAsync(new Uri("api/brands/acme/orders?day=20-11-2026", UriKind.Relative), TestContext.Current.CancellationToken);
        await Problem.AssertAsync(badDay, HttpStatusCode.BadRequest, "day", "20-11-2026");
        using var badChannel = await app.Client.Http.GetAsync(new Uri($"api/brands/acme/channel-events?day={AppClient.Day(AppClient.Today())}&channel=ebay", UriKind.Relative), TestContext.Current.CancellationToken);
        await Problem.AssertAsync(badChannel, HttpStatusCode.BadRequest, "channel", "ebay");
        using var unknownBrand = await app.Client.Http.GetAsync(new Uri("api/brands/nobody/orders/shopify:1", UriKind.Relative), TestContext.Current.CancellationToken);
        await Problem.AssertAsync(unknownBrand, HttpStatusCode.NotFound, "nobody");
        using var unknownOrder = await app.Client.Http.GetAsync(new Uri("api/brands/acme/orders/shopify:1", UriKind.Relative), TestContext.Current.CancellationToken);
        await Problem.AssertAsync(unknownOrder, HttpStatusCode.NotFound, "shopify:1");
    }
}
