using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Simulator;

/// <summary>
/// Available-to-sell on the channels in the quick start: once the flows have moved stock, every listing's quantity
/// (available at its location less the risk buffer) must be what the channel holds, as the stub marketplace recorded
/// the pushes; and a burst of ledger changes must have cost far fewer pushes than changes (coalesced).
/// </summary>
internal sealed class PushDemo
{
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(60);

    private readonly IReadOnlyList<Row> _rows;

    private PushDemo(IReadOnlyList<Row> rows) => _rows = rows;

    public bool ChannelsHoldTheTruth => _rows.Count > 0 && _rows.All(r => r.Holds);

    /// <summary>Waits until no listing has a change waiting for its push, then compares each listing with the stub's record.</summary>
    public static async Task<PushDemo> CheckAsync(
        HttpClient api, Marketplace marketplace, ScenarioAccounts accounts, IReadOnlyDictionary<string, int> ledgerChanges, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var rows = new List<Row>();
            foreach (var product in ScenarioProduct.Catalog)
            {
                var view = await api.GetFromJsonAsync<JsonElement>(
                    $"api/brands/{accounts.BrandId}/inventory/{Uri.EscapeDataString(product.Sku)}/available-to-sell", cancellationToken);
                foreach (var listing in view.GetProperty("listings").EnumerateArray())
                {
                    var channel = Enum.Parse<SalesChannel>(listing.GetProperty("channel").GetString()!);
                    var key = Marketplace.PushKey(ListingOf(product, channel), accounts.AccountId(channel));
                    rows.Add(new Row(
                        product.Sku, channel, Int(listing, "quantity"), Int(listing, "lastPushedQuantity"), marketplace.PushedQuantity(channel, key),
                        listing.GetProperty("pushes").GetInt32(), ledgerChanges.GetValueOrDefault(product.Sku),
                        listing.GetProperty("dirty").GetBoolean() || listing.GetProperty("pushing").GetBoolean(),
                        listing.GetProperty("buffer").ValueKind == JsonValueKind.Object ? listing.GetProperty("buffer").GetProperty("units").GetInt32() : 0,
                        listing.GetProperty("lastError").GetString()));
                }
            }

            if ((rows.All(r => !r.Waiting) && rows.All(r => r.Holds)) || waited.Elapsed > SettleDeadline)
            {
                return new PushDemo(rows);
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Available-to-sell pushed to the channels (quantity = available − buffer; the stub records what each channel holds)");
        output.WriteLine("| channel | listings | ledger changes | pushes | coalesced away | buffer units | every listing = the truth |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var channel in _rows.GroupBy(r => r.Channel))
        {
            var changes = channel.Sum(r => r.LedgerChanges);
            var pushes = channel.Sum(r => r.Pushes);
            var wrong = channel.Where(r => !r.Holds).Select(r => $"{r.Sku}: truth {r.Truth}, channel {(r.OnChannel is { } held ? held.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}{(r.Error is null ? string.Empty : $" ({r.Error})")}").ToList();
            output.WriteLine(
                $"| {channel.Key} | {channel.Count()} | {changes} | {pushes} | {Math.Max(0, changes - pushes)} | {channel.Sum(r => r.Buffer)} " +
                $"| {(wrong.Count == 0 ? "ok" : "NO: " + string.Join("; ", wrong))} |");
        }

        output.WriteLine(ChannelsHoldTheTruth
            ? "Every listing on every channel holds what the truth says it can sell."
            : "NOT every channel holds the truth: see the rows marked above.");
    }

    /// <summary>The listing as the quick start imported it (StockDemo's catalog file), for the stub's key.</summary>
    private static ChannelListing ListingOf(ScenarioProduct product, SalesChannel channel) => channel switch
    {
        SalesChannel.Shopify => new ChannelListing(channel, product.Sku, StockDemo.Location, InventoryItemId: product.ShopifyInventoryItemId.ToString(System.Globalization.CultureInfo.InvariantCulture), LocationId: StockDemo.ShopifyLocationId),
        SalesChannel.Amazon => new ChannelListing(channel, product.Sku, StockDemo.Location, MarketplaceId: StockDemo.AmazonMarketplaceId),
        SalesChannel.Walmart => new ChannelListing(channel, product.Sku, StockDemo.Location, ShipNode: StockDemo.WalmartShipNode),
        _ => new ChannelListing(channel, product.Sku, StockDemo.Location, ProductId: product.TikTokProductId, SkuId: product.TikTokSkuId, WarehouseId: StockDemo.TikTokWarehouseId),
    };

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private sealed record Row(
        string Sku, SalesChannel Channel, int? Truth, int? LastPushed, int? OnChannel, int Pushes, int LedgerChanges, bool Waiting, int Buffer, string? Error)
    {
        public bool Holds => Truth is { } truth && OnChannel == truth && LastPushed == truth;
    }
}
