using System.Net;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.Faults;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Functions.Tests.Errors;

/// <summary>
/// Issue 18 drill 3 in the small: the app on the real emulators behind fault proxies that throttle Cosmos DB (429 with
/// x-ms-retry-after-ms) and fail Azure Storage requests (500, 503) before they reach the emulator. The SDKs' retries
/// and the queue's redelivery must absorb them: the delivery ends applied, once, and nothing lands in quarantine.
/// </summary>
public sealed class TransientFaultTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShopifyWebhook_CosmosThrottledAndStorageFailingOnAFifthOfRequests_IsRetriedAndStoredOnce()
    {
        await using var storage = await StorageFaultProxies.StartAsync(fixture.Azurite, cancellationToken: Token);
        await using var cosmos = await FaultProxy.StartAsync(fixture.Cosmos.Endpoint, FaultDialect.Cosmos, cancellationToken: Token);
        await using var app = TestApp.Start(fixture, new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = storage.ConnectionString,
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Cosmos:ConnectionString"] = $"AccountEndpoint={cosmos.Endpoint};AccountKey={CosmosServerFixture.AccountKey};",
        });
        using (var health = await app.Client.Http.GetAsync(new Uri("api/health", UriKind.Relative), Token))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        cosmos.SetFaults(new FaultMix(0.3, [429], TimeSpan.FromMilliseconds(50)));
        storage.SetFaults(new FaultMix(0.2, [500, 503]));
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");

        var deliveryKey = await SendAsTheChannelDoesAsync(app.Client, webhook);
        await app.Client.WaitForOrderAsync("shopify:" + Deliveries.ShopifyOrderId, timeout: TimeSpan.FromSeconds(90));
        var applied = await app.Client.WaitForEventAsync(deliveryKey, timeout: TimeSpan.FromSeconds(60));
        var events = (await app.Client.ChannelEventsAsync(SalesChannel.Shopify)).Where(e => e.Str("deliveryKey") == deliveryKey).ToArray();
        var quarantined = await app.Client.QuarantineAsync();
        var throttled = cosmos.Figures;
        var failed = new[] { storage.Blob.Figures, storage.Queue.Figures, storage.Table.Figures };
        cosmos.SetFaults(FaultMix.None);
        storage.SetFaults(FaultMix.None);

        Assert.Equal("Applied", applied.Str("outcome"));
        Assert.Single(events);
        Assert.Empty(quarantined);
        Assert.True(throttled.Faulted.GetValueOrDefault(429) > 0 && throttled.Retried > 0, $"Cosmos: {throttled.FaultedTotal} faulted, {throttled.Retried} retried");
        Assert.True(failed.Sum(f => f.FaultedTotal) > 0 && failed.Sum(f => f.Retried) > 0, $"storage: {failed.Sum(f => f.FaultedTotal)} faulted, {failed.Sum(f => f.Retried)} retried");

        // The SDK honours Cosmos's retry hint (50 ms), so the retry comes after it, not at once.
        Assert.True(throttled.RetryDelay(0) >= 40, $"first Cosmos retry after {throttled.RetryDelay(0):0} ms");
    }

    /// <summary>Re-sends on a 503 after its Retry-After (at most 1 s here), as the channels do; anything else but 200 fails the test.</summary>
    private static async Task<string> SendAsTheChannelDoesAsync(AppClient client, SignedWebhook webhook)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await client.SendAsync(webhook);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return Json.Parse(await response.Content.ReadAsStringAsync(Token)).Str("deliveryKey");
            }

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 10, $"attempt {attempt}: {(int)response.StatusCode}");
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(1, response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1)), Token);
        }
    }
}
