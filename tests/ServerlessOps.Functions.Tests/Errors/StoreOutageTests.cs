using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Storage;
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

        // A small delivery's bundle travels inside its queue message, and falls back to a bundle blob when the queue
        // stalls: both stores must stall for the webhook to find none.
        HttpResponseMessage during;
        var clock = Stopwatch.StartNew();
        using (ProcessPause.Start(azurite.QueueProcessId))
        using (ProcessPause.Start(azurite.BlobProcessId))
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
    /// Only the queue stalls (Azurite's in-memory queue store pauses for seconds when it holds many messages, and CI
    /// refused webhooks with 503 because of it): a small delivery waits a second for the queue, is acknowledged from a
    /// bundle blob inside the channel's 5 s, and is queued by the bundle's name once the queue answers.
    /// </summary>
    [Fact]
    public async Task ShopifyWebhook_QueueNotAnsweringInTime_IsAcknowledgedFromABundleBlobAndQueuedOnceTheQueueAnswers()
    {
        await using var azurite = await AzuriteFixture.StartAsync(TestContext.Current.CancellationToken);
        await using var factory = new FunctionAppFactory(fixture.Settings(
            LocalStackSettings.NewRunId(), overrides: TestApp.TriggersOff(), azurite: azurite));
        using var client = new AppClient(factory.CreateClient());
        await client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
        var queues = factory.Services.GetRequiredService<DeliveryQueues>();
        await DrainAsync(queues);

        AppClient.Acknowledgement ack;
        var clock = Stopwatch.StartNew();
        using (ProcessPause.Start(azurite.QueueProcessId))
        {
            ack = await client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-cancelled.json"), "orders/cancelled"));
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"acknowledged after {clock.Elapsed}, past the channel's 5 s deadline");
        var bundles = factory.Services.GetRequiredService<RawDeliveryBundles>();
        var queued = new List<string>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!queued.Contains(ack.DeliveryKey) && DateTimeOffset.UtcNow < deadline)
        {
            foreach (var message in await DrainAsync(queues))
            {
                Assert.True(DeliveryBundleMessage.TryParse(message.Body.ToString(), out var bundle), $"unexpected message {message.Body}");
                queued.AddRange(bundle!.Inline?.Deliveries.Select(d => d.DeliveryKey)
                    ?? (await bundles.ReadAsync(bundle.BundleBlobName, TestContext.Current.CancellationToken))!.Deliveries.Select(d => d.DeliveryKey));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }

        Assert.Contains(ack.DeliveryKey, queued);
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

    private static async Task<List<Azure.Storage.Queues.Models.QueueMessage>> DrainAsync(DeliveryQueues queues)
    {
        var all = new List<Azure.Storage.Queues.Models.QueueMessage>();
        while ((await queues.Queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken)).Value is { Length: > 0 } batch)
        {
            all.AddRange(batch);
        }

        return all;
    }
}
