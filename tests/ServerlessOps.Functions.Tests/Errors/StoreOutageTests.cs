using System.Diagnostics;
using System.Net;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Functions.Tests.Errors;

public sealed class StoreOutageTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task ShopifyWebhook_StorageDown_Is503WithRetryAfterAndNothingAcknowledged()
    {
        var azurite = await AzuriteFixture.StartAsync(TestContext.Current.CancellationToken);
        await using var factory = new FunctionAppFactory(fixture.Settings(
            LocalStackSettings.NewRunId(), overrides: TestApp.TriggersOff(), azurite: azurite));
        using var client = new AppClient(factory.CreateClient());
        var before = await client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
        Assert.Equal("accepted", before.Status);

        await azurite.DisposeAsync();
        using var response = await client.SendAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-cancelled.json"), "orders/cancelled"));

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "Retry later");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After was '{response.Headers.RetryAfter}'.");
    }

    /// <summary>
    /// A store that takes connections but does not answer (paused, not down) runs into the edge's own timeout.
    /// That used to surface as 500 "unexpected"; it is an outage the channel should retry through.
    /// </summary>
    [Fact]
    public async Task ShopifyWebhook_StorageNotAnsweringInTime_Is503WithRetryAfter_AndAcceptsAgainOnceItAnswers()
    {
        await using var azurite = await AzuriteFixture.StartAsync(TestContext.Current.CancellationToken);
        await using var factory = new FunctionAppFactory(fixture.Settings(
            LocalStackSettings.NewRunId(), overrides: TestApp.TriggersOff(), azurite: azurite));
        using var client = new AppClient(factory.CreateClient());
        await client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));

        // A small delivery's bundle travels inside its queue message: the queue is the store it waits for.
        HttpResponseMessage during;
        var clock = Stopwatch.StartNew();
        using (ProcessPause.Start(azurite.QueueProcessId))
        {
            during = await client.SendAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-cancelled.json"), "orders/cancelled"));
        }

        using (during)
        {
            await Problem.AssertAsync(during, HttpStatusCode.ServiceUnavailable, "Retry later");
            Assert.True(during.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After was '{during.Headers.RetryAfter}'.");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}, past the channel's 5 s deadline");
        }

        var after = await client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-cancelled.json"), "orders/cancelled"));
        Assert.Equal("accepted", after.Status);
    }

    /// <summary>
    /// With every write turn taken, the next webhook is refused at once with 503 and Retry-After instead of
    /// joining a line whose requests would all time out together (the burst stall of issue 18).
    /// </summary>
    [Fact]
    public async Task Webhook_WhileEveryEdgeWriteTurnIsTaken_Is503AtOnceNotQueuedIntoATimeout()
    {
        await using var azurite = await AzuriteFixture.StartAsync(TestContext.Current.CancellationToken);
        var overrides = TestApp.TriggersOff(new Dictionary<string, string>
        {
            ["Ingestion:EdgeMaxConcurrentWrites"] = "1",
            ["Ingestion:EdgeAdmissionWait"] = "00:00:00.100",
        });
        await using var factory = new FunctionAppFactory(fixture.Settings(LocalStackSettings.NewRunId(), overrides: overrides, azurite: azurite));
        using var client = new AppClient(factory.CreateClient());
        await client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));

        Task<HttpResponseMessage> holdingTheTurn;
        HttpResponseMessage refused;
        TimeSpan refusedAfter;
        using (ProcessPause.Start(azurite.QueueProcessId))
        {
            holdingTheTurn = client.SendAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-cancelled.json"), "orders/cancelled"));
            await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
            var clock = Stopwatch.StartNew();
            refused = await client.SendAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-updated.json"), "orders/updated"));
            refusedAfter = clock.Elapsed;
        }

        using (refused)
        {
            await Problem.AssertAsync(refused, HttpStatusCode.ServiceUnavailable, "Retry later");
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After was '{refused.Headers.RetryAfter}'.");
            Assert.True(refusedAfter < TimeSpan.FromSeconds(1.5), $"refused after {refusedAfter}: it waited for the store instead of its turn");
        }

        using var held = await holdingTheTurn;
        Assert.True(held.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"the request holding the turn got {(int)held.StatusCode}");
        var after = await client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-updated.json"), "orders/updated"));
        Assert.Equal("accepted", after.Status);
    }
}
