using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// The quick start's setup (tests/ServerlessOps.Simulator, StockDemo and AlertsDemo) through the same endpoints: the
/// catalog of the scenario's four items on all four channels, unit costs, channel fees and a stock count, before the
/// first order. Differences, so that every flow takes the happy path: a million units counted per SKU (reservations
/// never run short), every cost at 40 % of the price (no price-floor alert), and the brand's ship-within at its
/// 30-day maximum (the scenario's orders are placed up to days back; no SLA timer fires during the run).
/// </summary>
internal static class StockImport
{
    public const int Counted = 1_000_000;

    public const string Location = "main";

    public const string ShopifyLocationId = "61000000001";

    public const string AmazonMarketplaceId = "ATVPDKIKX0DER";

    public const string WalmartShipNode = "SN-MAIN";

    public const string TikTokWarehouseId = "7100000000000000001";

    public static Task ImportAsync(HttpClient api, string brandId, CancellationToken cancellationToken) =>
        ImportAsync(api, brandId, ScenarioProduct.Catalog, Counted, cancellationToken);

    /// <summary>The same setup for some of the scenario's products, with <paramref name="counted"/> units each (the oversell drill: one SKU, few units).</summary>
    public static async Task ImportAsync(HttpClient api, string brandId, IReadOnlyList<ScenarioProduct> products, int counted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(products);
        await SetPolicyAsync(api, brandId, cancellationToken);
        var since = Time(DateTimeOffset.UtcNow.AddYears(-1));
        var now = Time(DateTimeOffset.UtcNow.AddMinutes(-1));
        var files = new (string Kind, string Csv)[]
        {
            ("catalog", Csv(
                "sku,title,category,status,currency,listPrice,map,shopifyInventoryItemId,shopifyLocationId,amazonMarketplaceId,walmartShipNode,tiktokProductId,tiktokSkuId,tiktokWarehouseId",
                products.Select(p => string.Join(',', p.Sku, $"\"{p.FullTitle}\"", "apparel", "active", "USD", Money(p.Price), string.Empty,
                    p.ShopifyInventoryItemId, ShopifyLocationId, AmazonMarketplaceId, WalmartShipNode, p.TikTokProductId, p.TikTokSkuId, TikTokWarehouseId)))),
            ("costs", Csv("sku,unitCost,currency,effectiveFrom", products.Select(p => string.Join(',', p.Sku, Money(decimal.Round(p.Price * 0.4m, 2)), "USD", since)))),
            ("fees", Csv(
                "channel,feeType,scope,basis,percent,fixedPerUnit,fixedPerOrder,currency,effectiveFrom",
                [$"shopify,payment processing,perOrder,total,2.9,0,0.30,USD,{since}", $"amazon,referral,perLine,total,15,0,0,USD,{since}",
                 $"walmart,referral,perLine,net,15,0,0,USD,{since}", $"tiktok,referral,perLine,net,6,0,0,USD,{since}"])),
            ("stock-counts", Csv("sku,location,countedQuantity,countedAt,reason", products.Select(p => $"{p.Sku},{Location},{counted},{now},opening count"))),
        };

        foreach (var (kind, csv) in files)
        {
            using var content = new StringContent(csv, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            using var response = await api.PostAsync(new Uri($"api/brands/{brandId}/imports/{kind}", UriKind.Relative), content, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Importing {kind} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
    }

    /// <summary>PUT /api/brands/{brandId} under its ETag, as the quick start's AlertsDemo does.</summary>
    private static async Task SetPolicyAsync(HttpClient api, string brandId, CancellationToken cancellationToken)
    {
        using var read = await api.GetAsync(new Uri($"api/brands/{brandId}", UriKind.Relative), cancellationToken);
        read.EnsureSuccessStatusCode();
        var body = new
        {
            owners = new { @default = "ops@acme.example" },
            policy = new { defaultShipWithin = "30.00:00:00", onPriceBreach = "Continue" },
        };
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri($"api/brands/{brandId}", UriKind.Relative)) { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        using var answer = await api.SendAsync(put, cancellationToken);
        if (answer.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Updating brand {brandId} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static string Csv(string header, IEnumerable<string> rows) => header + "\n" + string.Join("\n", rows) + "\n";

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
