using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Access;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Functions.Tests.Access;

/// <summary>
/// The main flows run once with everything captured (every log record with its exception and structured state, every
/// activity's name and tags, every response body), then scanned for the run's channel secrets and tokens, its API key,
/// and every buyer's e-mail, name, address and phone in the channel samples the run sent or served.
/// </summary>
public sealed class SensitiveDataLeakTests(FunctionAppFixture fixture)
{
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MainFlowsOfTheFourChannels_LeaveNoSecretTokenKeyOrBuyerDataInLogsTracesOrProblems()
    {
        var traces = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => traces.Enqueue($"{a.Source.Name} {a.DisplayName} {string.Join(' ', a.TagObjects.Select(t => $"{t.Key}={t.Value}"))} {a.StatusDescription}"),
        };
        ActivitySource.AddActivityListener(listener);
        await using var app = TestApp.Start(fixture);
        var bodies = new List<string>();

        var amazonOrder = Deliveries.NewAmazonOrderId();
        var walmartOrder = Deliveries.NewWalmartPurchaseOrderId();
        var tiktokOrder = Deliveries.NewTikTokOrderId();
        Deliveries.PutAmazonOrder(fixture.Marketplace, amazonOrder, 70.24m);
        var walmartJson = Deliveries.WalmartOrder(walmartOrder);
        var tiktokJson = Deliveries.TikTokOrder(tiktokOrder);
        fixture.Marketplace.PutWalmartOrder(walmartOrder, walmartJson);
        fixture.Marketplace.PutTikTokOrder(tiktokOrder, tiktokJson);
        var shopifyBody = Deliveries.ShopifyBody("shopify-orders-create.json");
        var amazonNotification = Deliveries.NewId();
        var walmartEvent = Deliveries.NewId();
        var tiktokNotification = Deliveries.Digits(19);
        SignedWebhook[] genuine =
        [
            Deliveries.Shopify(shopifyBody, "orders/create"),
            Deliveries.Amazon(Deliveries.AmazonOrderChange(amazonOrder, amazonNotification, Deliveries.AmazonShape.Pipe), amazonNotification),
            Deliveries.Walmart(Deliveries.WalmartPoCreated(walmartOrder, walmartEvent), walmartEvent),
            Deliveries.TikTok(Deliveries.TikTokStatusChange(tiktokOrder, tiktokNotification), tiktokNotification),
        ];

        // The flows: four channels' orders (three re-read from the channel with its token), processed to the end.
        var keys = new List<string>();
        foreach (var webhook in genuine)
        {
            keys.Add((await app.Client.SendAcceptedAsync(webhook)).DeliveryKey);
        }

        foreach (var key in keys)
        {
            await app.Client.WaitForEventAsync(key);
        }

        // Problems: a forged signature, a Shopify order whose shape is wrong (quarantined with its buyer data in the body),
        // JSON that is not JSON, an import with bad cells, a route without its credential and one without its day.
        var forged = Deliveries.Shopify(shopifyBody, "orders/create", accounts: Accounts with { ShopifySecret = "forged-secret-for-the-leak-scan" });
        bodies.Add(await BodyAsync(await app.Client.SendAsync(forged)));
        var broken = Deliveries.ShopifyBody("shopify-orders-create.json", n => n["line_items"] = "not a list");
        using (var answer = await app.Client.SendAsync(Deliveries.Shopify(broken, "orders/create")))
        {
            var text = await answer.Content.ReadAsStringAsync(Token);
            bodies.Add(text);
            if (answer.IsSuccessStatusCode)
            {
                await app.Client.WaitForQuarantineAsync(Json.Parse(text).Str("deliveryKey"));
            }
        }

        bodies.Add(await BodyAsync(await app.Client.SendAsync(Deliveries.Shopify(Deliveries.Utf8("{\"email\": \"" + FirstEmail(shopifyBody) + "\", "), "orders/create"))));
        using (var csv = new StringContent("sku,title,category,currency,listPrice\nLEAK-1,Mug,Home,USD,not-a-price\n", Encoding.UTF8, "text/csv"))
        {
            bodies.Add(await BodyAsync(await app.Client.Http.PostAsync(new Uri("api/brands/acme/imports/catalog", UriKind.Relative), csv, Token)));
        }

        using (var anonymous = app.Factory.CreateClient())
        {
            bodies.Add(await BodyAsync(await anonymous.GetAsync(new Uri("api/brands/acme/orders?day=2026-12-01", UriKind.Relative), Token)));
        }

        bodies.Add(await BodyAsync(await app.Client.Http.GetAsync(new Uri("api/brands/acme/audit/actions", UriKind.Relative), Token)));

        var secrets = new[]
        {
            Accounts.ShopifySecret, Accounts.AmazonSecret, Accounts.WalmartSecret, Accounts.TikTokAppSecret, Accounts.ShopifyAccessToken,
            Accounts.AmazonAccessToken, Accounts.WalmartAccessToken, Accounts.TikTokAccessToken, LocalStackSettings.ApiKey,
        };
        var personal = new[] { Encoding.UTF8.GetString(shopifyBody), walmartJson, tiktokJson, ChannelSamples.AmazonSampleGetOrder(), ChannelSamples.Text("amazon-orders-api-order-items.json") }
            .SelectMany(SensitiveValues.PersonalData).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(personal.Count >= 8, $"The samples should carry buyers' data to look for; found {string.Join(", ", personal)}.");

        var records = app.Services.GetFakeLogCollector().GetSnapshot();
        Assert.NotEmpty(records);
        var captured = records.Select(r => ($"log {r.Category}/{r.Id}", string.Join('\n', r.Message, r.Exception?.ToString() ?? string.Empty, string.Join('\n', r.StructuredState?.Select(p => p.Value) ?? []))))
            .Concat(traces.Select(t => ("trace", t)))
            .Concat(bodies.Select(b => ("response", b)))
            .ToList();
        var leaks = (from c in captured
                     from value in secrets.Select(s => (Kind: "secret", Value: s)).Concat(personal.Select(p => (Kind: "buyer data", Value: p)))
                     where c.Item2.Contains(value.Value, StringComparison.OrdinalIgnoreCase)
                     select $"{c.Item1} holds {value.Kind} '{value.Value}': {Shorten(c.Item2)}").Distinct().ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} leak(s):\n{string.Join('\n', leaks.Take(20))}");
    }

    private static string FirstEmail(byte[] shopifyBody) =>
        SensitiveValues.PersonalData(Encoding.UTF8.GetString(shopifyBody)).First(v => v.Contains('@', StringComparison.Ordinal));

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return await response.Content.ReadAsStringAsync(Token);
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
