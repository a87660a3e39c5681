using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// A channel API that answers 429 with Retry-After, then 500, on a private stub marketplace, through the real app: for an
/// inventory push (retries wait out Retry-After, then back off with jitter within the configured cap; exhausted, the
/// listing stays dirty, its inventory owner is alerted once and the listing is read back at once) and for an order
/// re-read (the delivery's attempt fails, the queue brings it back, the flow reserves once).
/// </summary>
public sealed class ChannelFaultTests(FunctionAppFixture fixture)
{
    private const string Brand = "acme";
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_429WithRetryAfterThen500s_WaitsRetryAfterThenBacksOffWithinTheCap_AlertsOnce_AndReadsTheListingBackAtOnce()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = TestApp.Start(fixture, new Dictionary<string, string>
        {
            ["InventoryPush:CoalesceDelay"] = "00:00:01",

            // Two retries after the first attempt, 200 ms base, at most 1 s between attempts; the next push an hour away.
            ["Channels:Walmart:MaxRetries"] = "2",
            ["Channels:Walmart:RetryBaseDelayMilliseconds"] = "200",
            ["Channels:Walmart:MaxRetryDelaySeconds"] = "1",
            ["InventoryPush:FailedRetryDelay"] = "01:00:00",
            ["Drift:TimerEnabled"] = "false",
            ["Drift:WalmartPropagationDelay"] = "00:00:00",
        }, marketplace: stub);
        var listing = new ChannelListing(SalesChannel.Walmart, "FAULT-1-W", StockLocations.Main, ShipNode: "SN-1");
        var item = new CatalogItem(Brand, "FAULT-1", "Item FAULT-1", null, CatalogItemStatus.Active, "USD", 25m, null, [listing]);
        await app.Services.GetRequiredService<CatalogStore>().PutItemAsync(item, "test", Token);
        var ledger = app.Services.GetRequiredService<IInventoryLedgerStore>();
        var key = Marketplace.PushKey(listing, Accounts.AccountId(SalesChannel.Walmart));
        await ledger.ApplyAsync(new StockMovement(Brand, item.Sku, StockLocations.Main, StockMovementKind.Receipt, 20, "po:f1"), Token);
        await Poll.UntilAsync(async _ => await ListingAsync(app, item.Sku) is { } l && stub.PushedQuantity(SalesChannel.Walmart, key) == 20 && !l.GetProperty("dirty").GetBoolean() ? "pushed" : null, "the first push", TimeSpan.FromMinutes(2));
        var before = stub.Requests(SalesChannel.Walmart).Count;

        stub.FailNext(SalesChannel.Walmart, 1, 429, retryAfter: TimeSpan.FromSeconds(2));
        stub.FailNext(SalesChannel.Walmart, 2, 500);
        await ledger.ApplyAsync(new StockMovement(Brand, item.Sku, StockLocations.Main, StockMovementKind.Reserve, 1, "order:walmart:f1:1:reserve:0-1:a1"), Token);

        // No drift run is asked for: the failed push itself has the listing read back.
        var drift = await Poll.UntilAsync(async _ => await DriftEntryAsync(app, item.Sku) is { } e && e.GetProperty("note").ValueKind == JsonValueKind.String ? e.GetProperty("note").GetString() : null, "the read-back after the failed push", TimeSpan.FromMinutes(2));

        var calls = stub.Requests(SalesChannel.Walmart).Skip(before).Where(r => r.Path == "/v3/inventory" && r.Method == "PUT").ToList();
        Assert.Equal([429, 500, 500], calls.Select(c => c.StatusCode));
        var afterThrottle = calls[1].ReceivedAt - calls[0].ReceivedAt;
        var afterError = calls[2].ReceivedAt - calls[1].ReceivedAt;
        Assert.True(afterThrottle >= TimeSpan.FromSeconds(1.9), $"Retried {afterThrottle.TotalSeconds:0.00} s after the 429; Retry-After said 2 s.");
        Assert.True(afterError > TimeSpan.Zero && afterError <= TimeSpan.FromSeconds(1.5), $"Retried {afterError.TotalSeconds:0.00} s after the 500; the cap is 1 s.");

        var view = (await ListingAsync(app, item.Sku))!.Value;
        Assert.Equal((true, 20, 1), (view.GetProperty("dirty").GetBoolean(), view.GetProperty("lastPushedQuantity").GetInt32(), view.GetProperty("consecutiveFailures").GetInt32()));
        Assert.Equal(20, stub.PushedQuantity(SalesChannel.Walmart, key));
        var alert = Assert.Single(await app.Services.GetRequiredService<IAlertStore>().ListAsync(Brand, kind: AlertKind.PushFailed, cancellationToken: Token));
        Assert.Equal((1, Accounts.BrandOwner, AlertSubject.Listing(SalesChannel.Walmart, item.Sku)), (alert.Occurrences, alert.Owner, alert.Subject));
        Assert.StartsWith("channel shows 20 after 1 failed push(es)", drift, StringComparison.Ordinal);
        Assert.Equal(1, stub.ListingReadCount(SalesChannel.Walmart));
        var entry = (await DriftEntryAsync(app, item.Sku))!.Value;
        Assert.Equal((20, JsonValueKind.Null, 0), (entry.GetProperty("channelQuantity").GetInt32(), entry.GetProperty("firstSeen").ValueKind, entry.GetProperty("audit").GetArrayLength()));
    }

    [Fact]
    public async Task OrderReRead_429WithRetryAfterThen500s_DeliveryComesBackAndTheFlowReservesOnce()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        var catalog = new FakeCatalogReader().Map("ACME-TEE-BLK-M", "wh-1").Map("ACME-MUG-12OZ", "wh-1");
        // Triggers on: the queue brings the failed delivery back.
        await using var flow = OrderFlowHarness.Start(fixture, catalog, new Dictionary<string, string>
        {
            ["Channels:TikTokShop:MaxRetries"] = "2",
            ["Channels:TikTokShop:RetryBaseDelayMilliseconds"] = "200",
            ["Channels:TikTokShop:MaxRetryDelaySeconds"] = "1",
            ["InventoryPush:Enabled"] = "false",
        }, stub);
        await flow.ReceiveAsync("ACME-TEE-BLK-M", 10);
        await flow.ReceiveAsync("ACME-MUG-12OZ", 10);
        var orderId = Deliveries.NewTikTokOrderId();
        stub.PutTikTokOrder(orderId, Deliveries.TikTokOrder(orderId));
        stub.FailNext(SalesChannel.TikTokShop, 1, 429, retryAfter: TimeSpan.FromSeconds(1));
        stub.FailNext(SalesChannel.TikTokShop, 2, 500);

        var notification = Deliveries.Digits(19);
        await flow.App.Client.SendAcceptedAsync(Deliveries.TikTok(Deliveries.TikTokStatusChange(orderId, notification), notification));

        await flow.WaitForBalanceAsync("ACME-TEE-BLK-M", onHand: 10, reserved: 2);
        await flow.WaitForBalanceAsync("ACME-MUG-12OZ", onHand: 10, reserved: 1);
        var reads = stub.Requests(SalesChannel.TikTokShop).Where(r => r.Path.StartsWith("/order/", StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 500, 500, 200], reads.Select(r => r.StatusCode).Take(4));
        var entries = await flow.Ledger.ListEntriesAsync(Brand, "ACME-TEE-BLK-M", 50, Token);
        Assert.Single(entries, e => e.Movement.Kind == StockMovementKind.Reserve);
        Assert.Empty(await flow.Exceptions.ListOpenAsync(Brand, Token));
    }

    private static async Task<JsonElement?> ListingAsync(TestApp app, string sku)
    {
        using var response = await app.Client.Http.GetAsync(new Uri($"api/brands/{Brand}/inventory/{sku}/available-to-sell", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("listings").EnumerateArray()
            .Where(l => l.GetProperty("channel").GetString() == "Walmart").Select(l => (JsonElement?)l.Clone()).FirstOrDefault();
    }

    private static async Task<JsonElement?> DriftEntryAsync(TestApp app, string sku)
    {
        using var response = await app.Client.Http.GetAsync(new Uri($"api/brands/{Brand}/drift?sku={sku}", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone()).ToList();
        return entries.Count == 0 ? null : entries[0];
    }
}
