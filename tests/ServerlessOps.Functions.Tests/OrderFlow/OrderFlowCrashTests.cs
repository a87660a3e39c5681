using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// The app as a real process (the standalone host with its Durable engine on Azurite), SIGKILLed while an order's flow
/// is between its reservation and its fulfilment, then started again on the same task hub and stores.
/// </summary>
public sealed class OrderFlowCrashTests(FunctionAppFixture fixture)
{
    private const string Tee = "ACME-TEE-BLK-M";
    private const string Mug = "ACME-MUG-12OZ";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppKilledBetweenReserveAndFulfilment_RestartedFlowCompletes_StockReservedOnceAndCommittedOnce()
    {
        var settings = fixture.Settings(LocalStackSettings.NewRunId(), overrides: new Dictionary<string, string>
        {
            // A killed worker's partitions and hidden messages come back in seconds, not the production 30 s and 5 minutes.
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:05",
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:05",
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionLeaseInterval"] = "00:00:05",
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionLeaseAcquireInterval"] = "00:00:01",

            // The shared stub serves the order; this test's listings must not push into it.
            ["InventoryPush:Enabled"] = "false",
        });
        var orderId = Deliveries.NewTikTokOrderId();
        fixture.Marketplace.PutTikTokOrder(orderId, Deliveries.TikTokOrder(orderId));

        await using (var first = await FunctionAppProcess.StartAsync(settings, Token))
        {
            using var client = new AppClient(new HttpClient { BaseAddress = first.BaseAddress });
            await SetUpBrandAsync(client);
            var notification = Deliveries.Digits(19);
            await client.SendAcceptedAsync(Deliveries.TikTok(Deliveries.TikTokStatusChange(orderId, notification), notification));

            // Killed the moment the ledger holds the order's units: the flow may not even have recorded the activity's
            // answer yet, which is the window a crash must not turn into a second reservation.
            await Poll.UntilAsync(
                async _ => await ReservedAsync(client, Tee) == 2 && await ReservedAsync(client, Mug) == 1 ? "reserved" : null,
                "the order's three units reserved", TimeSpan.FromMinutes(2));
            first.Kill();
            Assert.True(first.HasExited);
        }

        // The channel delivers the order while the app is down; the webhook arrives once the app is back.
        fixture.Marketplace.PutTikTokOrder(orderId, Delivered(Deliveries.TikTokOrder(orderId)));
        await using var second = await FunctionAppProcess.StartAsync(settings, Token);
        using var recovered = new AppClient(new HttpClient { BaseAddress = second.BaseAddress });
        var delivered = Deliveries.Digits(19);
        await recovered.SendAcceptedAsync(Deliveries.TikTok(Deliveries.TikTokStatusChange(orderId, delivered), delivered));

        var flow = await Poll.UntilAsync(
            async ct =>
            {
                using var response = await recovered.Http.GetAsync(new Uri($"api/brands/acme/orders/tiktok/{orderId}/flow", UriKind.Relative), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                return response.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(body).RootElement.GetProperty("runtimeStatus").GetString() == "Completed" ? body : null;
            },
            "the flow completed after the restart", TimeSpan.FromMinutes(3));

        var steps = JsonDocument.Parse(flow).RootElement.GetProperty("status").GetProperty("Steps").EnumerateArray().Select(s => s.GetProperty("Step").GetString()).ToList();
        Assert.Equal("ended", steps[^1]);
        Assert.Contains("delivered", steps);
        foreach (var (sku, units) in new[] { (Tee, 2), (Mug, 1) })
        {
            var entries = await LedgerAsync(recovered, sku);
            var reserves = entries.Where(e => e.GetProperty("kind").GetString() == "Reserve").ToList();
            var commits = entries.Where(e => e.GetProperty("kind").GetString() == "Commit").ToList();
            Assert.Equal(units, reserves.Sum(e => e.GetProperty("reservedDelta").GetInt32()));
            Assert.Single(reserves);
            Assert.Equal(-units, commits.Sum(e => e.GetProperty("onHandDelta").GetInt32()));
            Assert.DoesNotContain(entries, e => e.GetProperty("kind").GetString() == "Release");
            Assert.Equal(0, await ReservedAsync(recovered, sku));
        }
    }

    /// <summary>Catalog (tee and mug on TikTok), an opening count of 10 each, and a return window of 0 days so delivery ends the flow.</summary>
    private static async Task SetUpBrandAsync(AppClient client)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var tee = ScenarioProduct.Catalog[0];
        var mug = ScenarioProduct.Catalog[1];
        await ImportAsync(client, "catalog",
            "sku,title,category,status,currency,listPrice,tiktokProductId,tiktokSkuId,tiktokWarehouseId\n"
            + $"{Tee},Tee,apparel,active,USD,24.00,{tee.TikTokProductId},{tee.TikTokSkuId},7100000000000000001\n"
            + $"{Mug},Mug,home,active,USD,14.50,{mug.TikTokProductId},{mug.TikTokSkuId},7100000000000000001\n");
        await ImportAsync(client, "stock-counts", $"sku,location,countedQuantity,countedAt,reason\n{Tee},main,10,{now},opening count\n{Mug},main,10,{now},opening count\n");

        using var read = await client.Http.GetAsync(new Uri("api/brands/acme", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri("api/brands/acme", UriKind.Relative))
        {
            Content = JsonContent.Create(new { owners = new { @default = "ops@acme-outfitters.example" }, policy = new { returnWindowDays = 0, onPriceBreach = "Continue" } }),
        };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        using var answer = await client.Http.SendAsync(put, Token);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync(Token));
    }

    private static async Task ImportAsync(AppClient client, string kind, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await client.Http.PostAsync(new Uri($"api/brands/acme/imports/{kind}", UriKind.Relative), content, Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{kind}: {await response.Content.ReadAsStringAsync(Token)}");
    }

    private static async Task<JsonElement[]> LedgerAsync(AppClient client, string sku)
    {
        using var response = await client.Http.GetAsync(new Uri($"api/brands/acme/inventory/{sku}/ledger?limit=100", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone())];
    }

    private static async Task<int> ReservedAsync(AppClient client, string sku) =>
        (await LedgerAsync(client, sku)).Sum(e => e.GetProperty("reservedDelta").GetInt32());

    /// <summary>The same order a minute later, every unit delivered.</summary>
    private static string Delivered(string orderDetail)
    {
        var node = JsonNode.Parse(orderDetail)!;
        var order = node["data"]!["orders"]![0]!;
        order["status"] = "DELIVERED";
        order["update_time"] = order["update_time"]!.GetValue<long>() + 60;
        foreach (var line in order["line_items"]!.AsArray())
        {
            line!["display_status"] = "DELIVERED";
        }

        return node.ToJsonString();
    }
}
