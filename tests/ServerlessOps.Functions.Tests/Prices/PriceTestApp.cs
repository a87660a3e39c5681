using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Prices;

/// <summary>
/// What the price tests share: an app on the real emulators with a private stub marketplace (the drift tests' settings,
/// drift timer off), and a catalog item whose floor is 20.00: MAP 15, cost 17 and the default 15 % margin floor
/// (17 / 0.85 = 20.00), no fees unless a test imports some.
/// </summary>
internal static class PriceTestApp
{
    public const string Brand = "acme";
    public const decimal Floor = 20.00m;

    public static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;
    public static readonly SalesChannel[] AllChannels = [SalesChannel.Shopify, SalesChannel.Amazon, SalesChannel.Walmart, SalesChannel.TikTokShop];

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TestApp Start(
        FunctionAppFixture fixture, Marketplace stub, IReadOnlyDictionary<string, string>? more = null, Action<IServiceCollection>? testServices = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["InventoryPush:Shopify:MaxRetries"] = "1",
            ["InventoryPush:Shopify:RetryBaseDelayMilliseconds"] = "50",
            ["Drift:TimerEnabled"] = "false",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return TestApp.Start(fixture, settings, marketplace: stub, testServices: testServices);
    }

    public static async Task<CatalogItem> PutItemAsync(TestApp app, string sku, IEnumerable<SalesChannel> channels)
    {
        var listings = channels.Select(channel => TestListings.For(sku, channel)).ToList();
        var item = new CatalogItem(Brand, sku, $"Item {sku}", null, CatalogItemStatus.Active, "USD", 25m, 15m, listings);
        Assert.Empty(item.Validate());
        var catalog = app.Services.GetRequiredService<CatalogStore>();
        await catalog.PutItemAsync(item, "test", Token);
        foreach (var listing in listings)
        {
            await catalog.PutListingAsync(item, listing, "test", Token);
        }

        await catalog.MergeCostsAsync(Brand, sku, [new UnitCost(sku, 17m, "USD", DateTimeOffset.UtcNow.AddDays(-30), null)], Token);
        return item;
    }

    public static async Task ApplyAsync(TestApp app, string sku, StockMovementKind kind, int quantity, string cause)
    {
        var result = await app.Services.GetRequiredService<IInventoryLedgerStore>().ApplyAsync(new StockMovement(Brand, sku, StockLocations.Main, kind, quantity, cause), Token);
        Assert.Equal(StockApplyOutcome.Applied, result.Outcome);
    }

    public static ChannelListing Listing(CatalogItem item, SalesChannel channel) => item.Listings.Single(l => l.Channel == channel);

    public static string PriceKey(ChannelListing listing) => Marketplace.PriceKey(listing, Accounts.AccountId(listing.Channel));

    public static async Task<JsonElement[]> AlertsAsync(TestApp app, string kind) =>
        (await app.Client.GetOkBodyAsync($"api/brands/{Brand}/alerts?kind={kind}")).EnumerateArray().ToArray();

    public static Task<HttpResponseMessage> SetPriceAsync(TestApp app, string sku, object body) =>
        app.Client.Http.PostAsJsonAsync(new Uri($"api/brands/{Brand}/catalog/{sku}/price", UriKind.Relative), body, Token);

    /// <summary>A price-set body in USD on the channels named (slugs).</summary>
    public static object Body(decimal price, params string[] channels) => new { price, currency = "USD", channels };

    /// <summary>A price-set sending <paramref name="ifMatch"/> (as a client writes it, quoted) unless null.</summary>
    public static async Task<HttpResponseMessage> SetPriceAsync(TestApp app, string sku, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/brands/{Brand}/catalog/{sku}/price", UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        if (ifMatch is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("If-Match", ifMatch));
        }

        return await app.Client.Http.SendAsync(request, Token);
    }

    /// <summary>GET …/catalog/{sku}/price, asserted 200 with an ETag: the body and the ETag as the header quotes it.</summary>
    public static async Task<(JsonElement Body, string ETag)> GetPricesAsync(TestApp app, string sku)
    {
        using var response = await app.Client.Http.GetAsync(new Uri($"api/brands/{Brand}/catalog/{sku}/price", UriKind.Relative), Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET price of {sku}: {(int)response.StatusCode} {text}");
        var etag = response.Headers.ETag?.Tag;
        Assert.False(string.IsNullOrEmpty(etag), $"GET price of {sku} answered no ETag.");
        return (JsonDocument.Parse(text).RootElement.Clone(), etag!);
    }

    /// <summary>A Shopify <c>products/update</c> whose product and variant were updated at <paramref name="updatedAt"/> (now by default), on Shopify's clock.</summary>
    public static SignedWebhook ProductUpdate(string variantSku, decimal price, DateTimeOffset? updatedAt = null)
    {
        var now = (updatedAt ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        var product = new JsonObject
        {
            ["id"] = 8_100_000_001L,
            ["title"] = "Tee",
            ["updated_at"] = now,
            ["variants"] = new JsonArray(new JsonObject
            {
                ["id"] = 4_400_000_001L,
                ["product_id"] = 8_100_000_001L,
                ["sku"] = variantSku,
                ["price"] = price.ToString("0.00", CultureInfo.InvariantCulture),
                ["updated_at"] = now,
            }),
        };
        return Deliveries.Shopify(Deliveries.Utf8(product.ToJsonString()), "products/update");
    }
}
