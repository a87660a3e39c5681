using System.Net;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Functions.Tests.Webhooks;

public sealed class WebhookSecretsTests(FunctionAppFixture fixture)
{
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    private static readonly ScenarioAccounts Forger = Accounts with
    {
        ShopifySecret = "forged-shopify-secret-7731",
        AmazonSecret = "forged-eventbridge-key-7731",
        WalmartSecret = "forged-walmart-secret-7731",
        TikTokAppSecret = "forged-tts-secret-7731",
    };

    [Fact]
    public async Task Webhooks_GenuineAndForgedOnEveryChannel_NoSecretTokenOrSignatureIsLoggedOrStored()
    {
        await using var app = TestApp.Start(fixture);
        var amazonOrder = Deliveries.NewAmazonOrderId();
        var walmartOrder = Deliveries.NewWalmartPurchaseOrderId();
        var tiktokOrder = Deliveries.NewTikTokOrderId();
        Deliveries.PutAmazonOrder(fixture.Marketplace, amazonOrder, 70.24m);
        fixture.Marketplace.PutWalmartOrder(walmartOrder, Deliveries.WalmartOrder(walmartOrder));
        fixture.Marketplace.PutTikTokOrder(tiktokOrder, Deliveries.TikTokOrder(tiktokOrder));
        var genuine = Webhooks(Accounts, amazonOrder, walmartOrder, tiktokOrder);
        var forged = Webhooks(Forger, amazonOrder, walmartOrder, tiktokOrder);

        var keys = new List<(SalesChannel Channel, string Key)>();
        foreach (var webhook in genuine)
        {
            keys.Add((webhook.Channel, (await app.Client.SendAcceptedAsync(webhook)).DeliveryKey));
        }

        foreach (var webhook in forged)
        {
            using var response = await app.Client.SendAsync(webhook);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        foreach (var (_, key) in keys)
        {
            Assert.Equal("Applied", (await app.Client.WaitForEventAsync(key)).Str("outcome"));
        }

        // Shared-secret headers (Amazon, Walmart) are dropped before the raw delivery is stored.
        foreach (var (channel, key) in keys.Where(k => k.Channel is SalesChannel.Amazon or SalesChannel.Walmart))
        {
            using var raw = await app.Client.GetRawDeliveryAsync(channel, key);
            var headers = Json.Parse(await raw.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).GetProperty("headers");
            Assert.DoesNotContain(headers.EnumerateObject(), h => h.Name.Equals(Accounts.AmazonCredentialHeader, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(Accounts.AmazonSecret, headers.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(Accounts.WalmartSecret, headers.GetRawText(), StringComparison.Ordinal);
        }

        string[] secrets =
        [
            Accounts.ShopifySecret, Accounts.AmazonSecret, Accounts.WalmartSecret, Accounts.TikTokAppSecret,
            Accounts.AmazonAccessToken, Accounts.WalmartAccessToken, Accounts.TikTokAccessToken,
            Forger.ShopifySecret, Forger.AmazonSecret, Forger.WalmartSecret, Forger.TikTokAppSecret,
            .. genuine.Concat(forged).Where(w => w.Channel is SalesChannel.Shopify or SalesChannel.TikTokShop)
                .SelectMany(w => w.Headers.Where(h => h.Key is "X-Shopify-Hmac-Sha256" or "Authorization").Select(h => h.Value)),
        ];
        var records = app.Services.GetFakeLogCollector().GetSnapshot();
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            var text = string.Join('\n', record.Message, record.Exception?.ToString() ?? string.Empty,
                string.Join('\n', record.StructuredState?.Select(p => p.Value) ?? []));
            var leaked = secrets.FirstOrDefault(s => text.Contains(s, StringComparison.Ordinal));
            Assert.True(leaked is null, $"Log record {record.Category}/{record.Id} contains a secret or signature: {record.Message}");
        }
    }

    private static SignedWebhook[] Webhooks(ScenarioAccounts accounts, string amazonOrder, string walmartOrder, string tiktokOrder)
    {
        var notificationId = Deliveries.NewId();
        var eventId = Deliveries.NewId();
        var tiktokNotification = Deliveries.Digits(19);
        return
        [
            Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", accounts: accounts),
            Deliveries.Amazon(Deliveries.AmazonOrderChange(amazonOrder, notificationId, Deliveries.AmazonShape.Pipe), notificationId, accounts),
            Deliveries.Walmart(Deliveries.WalmartPoCreated(walmartOrder, eventId), eventId, accounts),
            Deliveries.TikTok(Deliveries.TikTokStatusChange(tiktokOrder, tiktokNotification), tiktokNotification, accounts),
        ];
    }
}
