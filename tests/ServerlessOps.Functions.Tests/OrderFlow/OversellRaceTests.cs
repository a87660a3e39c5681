using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// The oversell race through the whole app: signed webhooks from all four channels at once (Amazon, Walmart and TikTok
/// re-read from a private stub marketplace), the real ingestion, the Durable engine on Azurite, the ledger, alerts and
/// pushes on the Cosmos server. Nothing is faked: the catalog is imported, the stock received through the ledger.
/// </summary>
public sealed class OversellRaceTests(FunctionAppFixture fixture)
{
    private const string Brand = "acme";
    private const int Units = 50;
    private const int OrdersPerChannel = 50;
    private static readonly ScenarioProduct Tee = ScenarioProduct.Catalog[0];
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoHundredOrdersForFiftyUnits_FromFourChannelsAtOnce_ReserveExactlyFifty_EveryOtherTakesTheShortPathWithOneAlert()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = TestApp.Start(fixture, new Dictionary<string, string>
        {
            ["InventoryPush:CoalesceDelay"] = "00:00:01",
        }, marketplace: stub);
        await ImportCatalogAsync(app);
        var item = await app.Services.GetRequiredService<CatalogStore>().GetItemAsync(Brand, Tee.Sku, Token)
            ?? throw new InvalidOperationException("The catalog import stored no item.");
        var ledger = app.Services.GetRequiredService<IInventoryLedgerStore>();
        await ledger.ApplyAsync(new StockMovement(Brand, Tee.Sku, StockLocations.Main, StockMovementKind.Receipt, Units, "po:race"), Token);
        await WaitPushedAsync(app, stub, item, Units);

        // 50 orders per channel, each one unit of the tee, placed within the last hours; only each order's first delivery.
        var scenario = MarketplaceScenario.Build(new MarketplaceScenarioOptions
        {
            OrdersPerChannel = OrdersPerChannel,
            InventoryEventsPerChannel = 0,
            PriceEventsPerChannel = 0,
            DuplicateRate = 0,
            OutOfOrderRate = 0,
            SingleUnitOf = Tee,
            Start = DateTimeOffset.UtcNow.AddMinutes(-((OrdersPerChannel * 11) + 60)),
        });
        var steps = scenario.Steps.Where(s => s.ExternalOrderId is not null).DistinctBy(s => (s.Channel, s.ExternalOrderId)).ToList();
        Assert.Equal(4 * OrdersPerChannel, steps.Count);
        foreach (var step in steps)
        {
            MarketplaceScenario.Apply(step, stub);
        }

        using var http = app.Factory.CreateClient();
        // As the channels do: a 503 or 429 (the edge shedding a burst) is sent again after its Retry-After, same delivery id.
        var answers = await Task.WhenAll(steps.Select(async step =>
        {
            for (var attempt = 1; ; attempt++)
            {
                using var request = step.Webhook.ToRequest(http.BaseAddress!);
                using var response = await http.SendAsync(request, Token);
                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests) || attempt == 20)
                {
                    return (response.StatusCode, attempt);
                }

                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), Token);
            }
        }));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        TestContext.Current.TestOutputHelper?.WriteLine($"Webhooks sent again after a 503/429: {answers.Sum(a => a.attempt - 1)}");

        // Every flow has decided: 50 hold a unit, the other 150 are on their exception path.
        var exceptions = app.Services.GetRequiredService<IOrderFlowExceptionStore>();
        var open = await Poll.UntilAsync(
            async ct => await exceptions.ListOpenAsync(Brand, ct) is { Count: 4 * OrdersPerChannel - Units } list
                && await ledger.GetBalanceAsync(Brand, Tee.Sku, StockLocations.Main, ct) is { Reserved: Units } ? list : null,
            "50 reserved and 150 short reservations",
            TimeSpan.FromMinutes(4),
            lastSeen: () => $"reserved {ledger.GetBalanceAsync(Brand, Tee.Sku, StockLocations.Main, Token).GetAwaiter().GetResult().Reserved}");

        var balance = await ledger.GetBalanceAsync(Brand, Tee.Sku, StockLocations.Main, Token);
        Assert.Equal((Units, Units), (balance.OnHand, balance.Reserved));
        Assert.All(open, e => Assert.Equal(("reserve", "short-reservation"), (e.Step, e.Cause)));

        // The ledger: its balance is the sum of its entries, one applied reservation per winning order, never past what was on hand.
        var entries = await ledger.ListEntriesAsync(Brand, Tee.Sku, 1000, Token);
        Assert.Equal((balance.OnHand, balance.Reserved), (entries.Sum(e => e.OnHandDelta), entries.Sum(e => e.ReservedDelta)));
        var reservations = entries.Where(e => e.Movement.Kind == StockMovementKind.Reserve && e.ReservedDelta > 0).ToList();
        Assert.Equal(Units, reservations.Count);
        Assert.Equal(Units, reservations.Select(r => r.Movement.Cause.Split(':')[1] + ":" + r.Movement.Cause.Split(':')[2]).Distinct().Count());
        var running = 0;
        foreach (var entry in entries.OrderBy(e => e.AppliedAt))
        {
            running += entry.ReservedDelta;
            Assert.InRange(running, 0, Units);
        }

        // Winners and losers are disjoint, and every loser's inventory owner heard of it once.
        var winners = reservations.Select(r => $"{r.Movement.Cause.Split(':')[1]}:{r.Movement.Cause.Split(':')[2]}").ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(open, e => winners.Contains(e.OrderId));
        var alerts = await app.Services.GetRequiredService<IAlertStore>().ListAsync(Brand, kind: AlertKind.StockShort, cancellationToken: Token);
        Assert.Equal(open.Select(e => AlertSubject.Order(e.OrderId)).ToHashSet(), alerts.Select(a => a.Subject).ToHashSet());
        Assert.All(alerts, a => Assert.Equal((1, Accounts.BrandOwner), (a.Occurrences, a.Owner)));
        Assert.Equal(4, steps.Select(s => s.Channel).Distinct().Count());

        // Every listing ends at what can be sold: nothing.
        var final = await WaitPushedAsync(app, stub, item, 0);
        Assert.All(final, l => Assert.Equal((0, 0), (l.GetProperty("quantity").GetInt32(), l.GetProperty("lastPushedQuantity").GetInt32())));
        TestContext.Current.TestOutputHelper?.WriteLine(
            "Pushes per channel during the race: " + string.Join(", ", item.Listings.Select(l => $"{l.Channel} {stub.InventoryPushes(l.Channel).Count}")));
    }

    /// <summary>The tee on all four channels, as the quick start and the benchmark import it.</summary>
    private static async Task ImportCatalogAsync(TestApp app)
    {
        var csv = "sku,title,category,status,currency,listPrice,map,shopifyInventoryItemId,shopifyLocationId,amazonMarketplaceId,walmartShipNode,tiktokProductId,tiktokSkuId,tiktokWarehouseId\n"
            + string.Join(',', Tee.Sku, $"\"{Tee.FullTitle}\"", "apparel", "active", "USD", Tee.Price.ToString("0.00", CultureInfo.InvariantCulture), string.Empty,
                Tee.ShopifyInventoryItemId, "61000000001", "ATVPDKIKX0DER", "SN-MAIN", Tee.TikTokProductId, Tee.TikTokSkuId, "7100000000000000001") + "\n";
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await app.Client.Http.PostAsync(new Uri($"api/brands/{Brand}/imports/catalog", UriKind.Relative), content, Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>Waits until every listing's stub value is <paramref name="quantity"/> and none is dirty or in flight; returns the listings' view.</summary>
    private static async Task<JsonElement[]> WaitPushedAsync(TestApp app, Marketplace stub, CatalogItem item, int quantity)
    {
        var listings = item.Listings.Where(l => !l.ChannelFulfilled).ToList();
        Assert.Equal(4, listings.Count);
        string Key(ChannelListing l) => Marketplace.PushKey(l, Accounts.AccountId(l.Channel));
        return await Poll.UntilAsync(
            async ct =>
            {
                if (!listings.All(l => stub.PushedQuantity(l.Channel, Key(l)) == quantity))
                {
                    return null;
                }

                using var response = await app.Client.Http.GetAsync(new Uri($"api/brands/{Brand}/inventory/{item.Sku}/available-to-sell", UriKind.Relative), ct);
                var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("listings").EnumerateArray().Select(e => e.Clone()).ToArray();
                return view.All(v => !v.GetProperty("dirty").GetBoolean() && !v.GetProperty("pushing").GetBoolean()) ? view : null;
            },
            $"{item.Sku} pushed as {quantity} on every channel",
            TimeSpan.FromMinutes(2),
            lastSeen: () => string.Join(", ", listings.Select(l => $"{l.Channel}={stub.PushedQuantity(l.Channel, Key(l))}")));
    }
}
