using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using DurableTask.AzureStorage;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// The oversell race across two app processes (the standalone host, as two instances of the app) on one task hub, one
/// Cosmos database and one set of queues, webhooks spread over both as a load balancer would: each process owns part of
/// the hub's control queues, so flows of the same SKU decide on both at once and meet only in the ledger's balance. What
/// <see cref="OversellRaceTests"/> proves in one process must hold across two: exactly the units reserved, never an
/// order twice, every other order short with one alert, the balance the sum of its entries. Everything is read through
/// the app's routes.
/// </summary>
public sealed class OversellAcrossTwoProcessesTests(FunctionAppFixture fixture)
{
    private const string Brand = "acme";
    private const int Units = 50;
    private const int OrdersPerChannel = 50;
    private static readonly ScenarioProduct Tee = ScenarioProduct.Catalog[0];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoHundredOrdersForFiftyUnits_OverTwoProcessesOnOneTaskHub_ReserveExactlyFifty_NoneTwice_EveryOtherShortWithOneAlert()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        var settings = fixture.Settings(LocalStackSettings.NewRunId(), marketplace: stub, overrides: new Dictionary<string, string>
        {
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionLeaseAcquireInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await using var first = await FunctionAppProcess.StartAsync(settings, Token);
        await using var second = await FunctionAppProcess.StartAsync(settings, Token);
        using var api = new HttpClient { BaseAddress = first.BaseAddress };
        api.DefaultRequestHeaders.Add(LocalStackSettings.ApiKeyHeader, LocalStackSettings.ApiKey);
        await SetUpBrandAsync(api);

        // Both processes hold part of the hub before the race, as two instances behind a load balancer would.
        var hub = settings["DurableTaskHubName"];
        var owners = await Poll.UntilAsync(
            async ct => await OwnersAsync(settings["AzureWebJobsStorage"], hub, ct) is { Count: > 0 } o && o.Values.Any(w => IsWorkerOf(w, first)) && o.Values.Any(w => IsWorkerOf(w, second)) ? o : null,
            "both processes owning a control queue", TimeSpan.FromMinutes(1));

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

        // Flows of this race run on both processes: each instance's control queue is FNV-1a(instance id) mod partitions.
        var partitionOfFlow = steps.Select(s => PartitionOf(OrderFlowIds.For(Brand, s.Channel, s.ExternalOrderId!), owners.Count)).ToList();
        Assert.Contains(partitionOfFlow, p => IsWorkerOf(owners[p], first));
        Assert.Contains(partitionOfFlow, p => IsWorkerOf(owners[p], second));

        using var http = new HttpClient();
        var apps = new[] { first.BaseAddress, second.BaseAddress };
        var answers = await Task.WhenAll(steps.Select(async (step, i) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                using var request = step.Webhook.ToRequest(apps[i % 2]);
                using var response = await http.SendAsync(request, Token);
                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests) || attempt == 20)
                {
                    return response.StatusCode;
                }

                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), Token);
            }
        }));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));

        var shortOrders = await Poll.UntilAsync(
            async ct => await GetAsync(api, $"api/brands/{Brand}/exceptions", ct) is var open && open.GetArrayLength() == (4 * OrdersPerChannel) - Units
                && (await GetAsync(api, $"api/brands/{Brand}/inventory/{Tee.Sku}/balances", ct)).GetProperty("reserved").GetInt32() == Units
                ? open.EnumerateArray().ToList() : null,
            "50 reserved and 150 short reservations", TimeSpan.FromMinutes(2));
        Assert.All(shortOrders, e => Assert.Equal(("reserve", "short-reservation"), (e.GetProperty("step").GetString(), e.GetProperty("cause").GetString())));

        // The ledger: one applied reservation per winning order, none past the units, the balance the sum of its entries.
        var balance = await GetAsync(api, $"api/brands/{Brand}/inventory/{Tee.Sku}/balances", Token);
        var entries = (await GetAsync(api, $"api/brands/{Brand}/inventory/{Tee.Sku}/ledger?limit=1000", Token)).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal((Units, Units), (balance.GetProperty("onHand").GetInt32(), balance.GetProperty("reserved").GetInt32()));
        Assert.Equal((Units, Units), (entries.Sum(e => e.GetProperty("onHandDelta").GetInt32()), entries.Sum(e => e.GetProperty("reservedDelta").GetInt32())));
        var winners = entries.Where(e => e.GetProperty("kind").GetString() == "Reserve" && e.GetProperty("reservedDelta").GetInt32() > 0)
            .Select(e => string.Join(':', e.GetProperty("cause").GetString()!.Split(':')[1..3])).ToList();
        Assert.Equal(Units, winners.Count);
        Assert.Equal(Units, winners.Distinct().Count());
        var running = 0;
        foreach (var entry in entries.OrderBy(e => e.GetProperty("appliedAt").GetDateTimeOffset()))
        {
            running += entry.GetProperty("reservedDelta").GetInt32();
            Assert.InRange(running, 0, Units);
        }

        // Winners and losers are disjoint, and each loser raised exactly one stock-short alert, owned.
        var losers = shortOrders.Select(e => e.GetProperty("orderId").GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(winners, losers.Contains);
        // 150 alerts: more than the list's default page, so read page by page as a client would.
        var alerts = (await PagedList.GetAllPagesAsync(api, $"/api/brands/{Brand}/alerts?kind=stock-short")).SelectMany(p => p.Items).ToList();
        Assert.Equal(losers.Order(StringComparer.Ordinal), alerts.Select(a => a.GetProperty("subject").GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(alerts, a => Assert.Equal(1, a.GetProperty("occurrences").GetInt32()));
        Assert.All(alerts, a => Assert.Equal(JsonValueKind.String, a.GetProperty("owner").ValueKind));
    }

    private static async Task SetUpBrandAsync(HttpClient api)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await ImportAsync(api, "catalog",
            "sku,title,category,status,currency,listPrice,map,shopifyInventoryItemId,shopifyLocationId,amazonMarketplaceId,walmartShipNode,tiktokProductId,tiktokSkuId,tiktokWarehouseId\n"
            + string.Join(',', Tee.Sku, $"\"{Tee.FullTitle}\"", "apparel", "active", "USD", Tee.Price.ToString("0.00", CultureInfo.InvariantCulture), string.Empty,
                Tee.ShopifyInventoryItemId, "61000000001", "ATVPDKIKX0DER", "SN-MAIN", Tee.TikTokProductId, Tee.TikTokSkuId, "7100000000000000001") + "\n");
        await ImportAsync(api, "stock-counts", $"sku,location,countedQuantity,countedAt,reason\n{Tee.Sku},main,{Units},{now},opening count\n");

        // An owner for the alerts, and a ship-within long enough for orders placed days back.
        using var read = await api.GetAsync(new Uri($"api/brands/{Brand}", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri($"api/brands/{Brand}", UriKind.Relative))
        {
            Content = JsonContent.Create(new { owners = new { @default = "ops@acme.example" }, policy = new { defaultShipWithin = "30.00:00:00", onPriceBreach = "Continue" } }),
        };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        using var answer = await api.SendAsync(put, Token);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync(Token));
    }

    private static async Task ImportAsync(HttpClient api, string kind, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await api.PostAsync(new Uri($"api/brands/{Brand}/imports/{kind}", UriKind.Relative), content, Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{kind}: {await response.Content.ReadAsStringAsync(Token)}");
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string path, CancellationToken cancellationToken)
    {
        using var response = await api.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The hub's control queues (table partition management) and their owners' worker ids.</summary>
    private static async Task<Dictionary<int, string>> OwnersAsync(string storage, string hub, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<int, string>();
        try
        {
            await foreach (var lease in new TableClient(storage, hub + "Partitions").QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                owners[int.Parse(lease.RowKey[(lease.RowKey.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture)] = lease.GetString("CurrentOwner") ?? string.Empty;
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Not created yet.
        }

        return owners;
    }

    /// <summary>The standalone host names its worker "{machine}-{process id}-{random}".</summary>
    private static bool IsWorkerOf(string workerId, FunctionAppProcess app) =>
        workerId.Split('-') is { Length: >= 3 } parts && parts[^2] == app.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The engine's placement of an instance on a control queue (DurableTask.AzureStorage's internal Fnv1aHashHelper).</summary>
    private static int PartitionOf(string instanceId, int partitions)
    {
        var hash = typeof(AzureStorageOrchestrationService).Assembly.GetType("DurableTask.AzureStorage.Fnv1aHashHelper", throwOnError: true)!
            .GetMethod("ComputeHash", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(string)])!;
        return (int)((uint)hash.Invoke(null, [instanceId])! % (uint)partitions);
    }
}
