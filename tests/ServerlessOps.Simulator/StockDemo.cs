using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Simulator;

/// <summary>
/// Stock in the quick start: before any webhook, the brand's catalog (the scenario's four items on all four channels),
/// unit costs, channel fees and a stock count are imported through the import endpoints, as an operations lead would;
/// after the stream, every SKU's ledger is read back and held to what the orders in the truth say it must be: reserved =
/// the units still open, on hand = counted − shipped + returned and restocked, and each balance equal to the sum of its
/// ledger entries.
/// </summary>
internal sealed class StockDemo
{
    /// <summary>Units counted per SKU at the main warehouse before the first order.</summary>
    public const int Counted = 40;

    /// <summary>The ledger location every listing of the quick start's catalog ships from.</summary>
    public const string Location = "main";

    public const string ShopifyLocationId = "61000000001";

    public const string AmazonMarketplaceId = "ATVPDKIKX0DER";

    public const string WalmartShipNode = "SN-MAIN";

    public const string TikTokWarehouseId = "7100000000000000001";

    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(90);

    private readonly IReadOnlyList<(string Kind, JsonElement Record)> _imports;
    private readonly IReadOnlyList<SkuCheck> _skus;

    private StockDemo(IReadOnlyList<(string Kind, JsonElement Record)> imports, IReadOnlyList<SkuCheck> skus)
    {
        _imports = imports;
        _skus = skus;
    }

    public bool AllAddUp => _skus.Count > 0 && _skus.All(s => s.Holds);

    /// <summary>Ledger entries per SKU at <see cref="Location"/>: the changes a push may follow.</summary>
    public IReadOnlyDictionary<string, int> LedgerChanges => _skus.ToDictionary(s => s.Sku, s => s.Entries, StringComparer.Ordinal);

    /// <summary>The four imports, before the webhooks: each answered 201 with its record.</summary>
    public static async Task<IReadOnlyList<(string Kind, JsonElement Record)>> ImportAsync(HttpClient api, string brandId, CancellationToken cancellationToken)
    {
        var products = ScenarioProduct.Catalog;
        var since = DateTimeOffset.UtcNow.AddYears(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var files = new (string Kind, string Csv)[]
        {
            ("catalog", Csv(
                "sku,title,category,status,currency,listPrice,map,shopifyInventoryItemId,shopifyLocationId,amazonMarketplaceId,walmartShipNode,tiktokProductId,tiktokSkuId,tiktokWarehouseId",
                products.Select(p => string.Join(',', p.Sku, $"\"{p.FullTitle}\"", "apparel", "active", "USD", Money(p.Price), string.Empty,
                    p.ShopifyInventoryItemId, ShopifyLocationId, AmazonMarketplaceId, WalmartShipNode, p.TikTokProductId, p.TikTokSkuId, TikTokWarehouseId)))),
            ("costs", Csv("sku,unitCost,currency,effectiveFrom", products.Select(p => string.Join(',', p.Sku, Money(UnitCost(p)), "USD", since)))),
            ("fees", Csv(
                "channel,feeType,scope,basis,percent,fixedPerUnit,fixedPerOrder,currency,effectiveFrom",
                [$"shopify,payment processing,perOrder,total,2.9,0,0.30,USD,{since}", $"amazon,referral,perLine,total,15,0,0,USD,{since}",
                 $"walmart,referral,perLine,net,15,0,0,USD,{since}", $"tiktok,referral,perLine,net,6,0,0,USD,{since}"])),
            ("stock-counts", Csv("sku,location,countedQuantity,countedAt,reason", products.Select(p => $"{p.Sku},{Location},{Counted},{now},opening count"))),
        };

        var records = new List<(string, JsonElement)>();
        foreach (var (kind, csv) in files)
        {
            using var content = new StringContent(csv, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            using var response = await api.PostAsync(new Uri($"api/brands/{brandId}/imports/{kind}", UriKind.Relative), content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Importing {kind} answered {(int)response.StatusCode}: {body}");
            }

            records.Add((kind, JsonDocument.Parse(body).RootElement.Clone()));
        }

        return records;
    }

    /// <summary>Waits until every SKU's ledger agrees with the orders in the truth (or the deadline passes) and returns the checks.</summary>
    /// <param name="firstDay">The UTC day of the first order placed (the scenario's start); orders are read day by day from it.</param>
    public static async Task<StockDemo> CheckAsync(
        HttpClient api, ReadApiClient reads, string brandId, IReadOnlyList<(string Kind, JsonElement Record)> imports, DateOnly firstDay, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var orders = await LiveOrdersAsync(reads, firstDay, cancellationToken);
            var checks = new List<SkuCheck>();
            foreach (var product in ScenarioProduct.Catalog)
            {
                checks.Add(await CheckSkuAsync(api, brandId, product.Sku, orders, cancellationToken));
            }

            if (checks.All(c => c.Holds) || waited.Elapsed > SettleDeadline)
            {
                return new StockDemo(imports, checks);
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Imports (POST /api/brands/{brandId}/imports/{kind}, CSV, before the first order)");
        output.WriteLine("| kind | rows | written | import id |");
        output.WriteLine("|---|---:|---|---|");
        foreach (var (kind, record) in _imports)
        {
            var written = string.Join(", ", record.GetProperty("written").EnumerateObject().Select(p => $"{p.Value.GetInt32()} {p.Name}"));
            output.WriteLine($"| {kind} | {record.GetProperty("rows").GetInt32()} | {written} | {record.GetProperty("importId").GetString()} |");
        }

        output.WriteLine();
        output.WriteLine($"Inventory ledger at '{Location}' against the orders in the truth (counted {Counted} each)");
        output.WriteLine("| SKU | open units | shipped | returned | reserved | on hand | available | entries | expected | balance = Σ entries |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var s in _skus)
        {
            output.WriteLine(
                $"| {s.Sku} | {s.OpenUnits} | {s.Shipped} | {s.Returned} | {s.Reserved} | {s.OnHand} | {s.OnHand - s.Reserved} | {s.Entries} " +
                $"| {(s.MatchesOrders ? "ok" : $"MISMATCH (want reserved {s.OpenUnits}, on hand {Counted - s.Shipped + s.Returned})")} | {(s.SumsUp ? "ok" : "NO")} |");
        }

        output.WriteLine(AllAddUp
            ? "Every SKU: reserved = units still open, on hand = counted − shipped + returned, each balance the sum of its entries."
            : "NOT consistent: see the rows marked above.");
    }

    private static async Task<IReadOnlyList<Order>> LiveOrdersAsync(ReadApiClient reads, DateOnly firstDay, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var orders = new List<Order>();
        for (var day = firstDay.AddDays(-1); day <= today; day = day.AddDays(1))
        {
            orders.AddRange((await reads.OrdersAsync(day, cancellationToken)).Select(o => o.Order));
        }

        return orders.Where(o => !o.IsHistory).DistinctBy(o => o.Id).ToList();
    }

    private static async Task<SkuCheck> CheckSkuAsync(HttpClient api, string brandId, string sku, IReadOnlyList<Order> orders, CancellationToken cancellationToken)
    {
        var lines = orders.SelectMany(o => o.Lines).Where(l => l.Sku == sku).ToList();
        var balances = await api.GetFromJsonAsync<JsonElement>($"api/brands/{brandId}/inventory/{Uri.EscapeDataString(sku)}/balances", cancellationToken);
        var ledger = await api.GetFromJsonAsync<JsonElement>($"api/brands/{brandId}/inventory/{Uri.EscapeDataString(sku)}/ledger?limit=500", cancellationToken);
        var entries = ledger.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("location").GetString() == Location).ToList();
        var at = balances.GetProperty("balances").EnumerateArray().FirstOrDefault(b => b.GetProperty("location").GetString() == Location);
        var onHand = at.ValueKind == JsonValueKind.Object ? at.GetProperty("onHand").GetInt32() : 0;
        var reserved = at.ValueKind == JsonValueKind.Object ? at.GetProperty("reserved").GetInt32() : 0;
        return new SkuCheck(
            sku,
            lines.Sum(l => l.QuantityOpen),
            lines.Sum(l => l.QuantityShipped),
            lines.Sum(l => l.QuantityReturned),
            reserved,
            onHand,
            entries.Count,
            entries.Sum(e => e.GetProperty("onHandDelta").GetInt32()) == onHand && entries.Sum(e => e.GetProperty("reservedDelta").GetInt32()) == reserved);
    }

    /// <summary>
    /// 40 % of the price, but the mug's supplier raised its cost: at 13.00 its floor, cost / (1 − 15 % margin floor) =
    /// 15.29, is above its 14.50 price, so every mug order alerts the pricing owner (AlertsDemo).
    /// </summary>
    private static decimal UnitCost(ScenarioProduct product) =>
        product.Sku == "ACME-MUG-12OZ" ? 13.00m : decimal.Round(product.Price * 0.4m, 2);

    private static string Csv(string header, IEnumerable<string> rows) => header + "\n" + string.Join("\n", rows) + "\n";

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private sealed record SkuCheck(string Sku, int OpenUnits, int Shipped, int Returned, int Reserved, int OnHand, int Entries, bool SumsUp)
    {
        public bool MatchesOrders => Reserved == OpenUnits && OnHand == Counted - Shipped + Returned;

        public bool Holds => MatchesOrders && SumsUp;
    }
}
