using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.Faults;

namespace ServerlessOps.Infrastructure.Tests.Storage;

/// <summary>The webhook edge's group commit against a real Azurite queue.</summary>
[Collection(SharedAzurite.Name)]
public sealed class DeliveryBatcherTests(AzuriteFixture azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EnqueueAsync_ManyAtOnce_EachIsOnTheQueueWhenItCompletesAndTheyShareMessages()
    {
        var queues = await NewQueuesAsync();
        await using var batcher = new DeliveryBatcher(queues, Options.Create(new IngestionOptions()), NullLogger<DeliveryBatcher>.Instance);
        var sent = Enumerable.Range(0, 200).Select(i => Delivery($"order-{i}")).ToList();

        await Task.WhenAll(sent.Select(d => batcher.EnqueueAsync(d, Token)));

        // No polling: an acknowledgement may only complete once its delivery is already on the queue.
        var messages = await DrainAsync(queues);
        var received = messages.SelectMany(m => DeliveryMessageBatch.Parse(m.Body.ToString()).Deliveries).ToList();
        Assert.Equal(sent.OrderBy(d => d.DeliveryKey), received.OrderBy(d => d.DeliveryKey));
        Assert.True(messages.Count <= sent.Count / 4, $"{sent.Count} deliveries arriving together took {messages.Count} queue messages");
        Assert.All(messages, m => Assert.True(DeliveryMessageBatch.Parse(m.Body.ToString()).Deliveries.Count <= DeliveryMessageBatch.MaxDeliveries));
    }

    [Fact]
    public async Task EnqueueAsync_OneAlone_IsSentAtOnceAsABareDeliveryMessage()
    {
        var queues = await NewQueuesAsync();
        await using var batcher = new DeliveryBatcher(queues, Options.Create(new IngestionOptions()), NullLogger<DeliveryBatcher>.Instance);
        var delivery = Delivery("lonely");

        await batcher.EnqueueAsync(delivery, Token);

        var message = Assert.Single(await DrainAsync(queues));
        Assert.Equal(delivery, DeliveryMessage.Parse(message.Body.ToString()));
    }

    [Fact]
    public async Task EnqueueAsync_LongDeliveryIds_KeepsEveryMessageWithinTheSizeLimit()
    {
        var queues = await NewQueuesAsync();
        await using var batcher = new DeliveryBatcher(queues, Options.Create(new IngestionOptions()), NullLogger<DeliveryBatcher>.Instance);

        // ~2 KB each: 32 of them would overflow a 64 KiB base64 message; the byte budget has to split them.
        var sent = Enumerable.Range(0, 64).Select(i => Delivery($"{i}-{new string('x', 1000)}")).ToList();
        await Task.WhenAll(sent.Select(d => batcher.EnqueueAsync(d, Token)));

        var messages = await DrainAsync(queues);
        Assert.Equal(sent.Count, messages.Sum(m => DeliveryMessageBatch.Parse(m.Body.ToString()).Deliveries.Count));
        Assert.All(messages, m => Assert.True(
            System.Text.Encoding.UTF8.GetByteCount(m.Body.ToString()) <= DeliveryMessageBatch.MaxJsonBytes + 2,
            $"a message of {m.Body.ToString().Length} characters"));
    }

    [Fact]
    public async Task EnqueueAsync_StorageUnreachable_FailsEveryWaiterAsUnavailable()
    {
        await using var batcher = new DeliveryBatcher(UnreachableQueues(), Options.Create(new IngestionOptions()), NullLogger<DeliveryBatcher>.Instance);

        var waiters = Enumerable.Range(0, 5).Select(i => batcher.EnqueueAsync(Delivery($"lost-{i}"), Token)).ToList();

        foreach (var waiter in waiters)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => waiter);
        }
    }

    [Fact]
    public async Task HandOffAsync_ReturnsBeforeTheSendAndDisposeStillPutsEveryDeliveryOnTheQueueInFullMessages()
    {
        var queues = await NewQueuesAsync();
        var batcher = new DeliveryBatcher(queues, Options.Create(new IngestionOptions()), NullLogger<DeliveryBatcher>.Instance);

        var handOffs = Enumerable.Range(0, 100).Select(i => batcher.HandOffAsync(Delivery($"handed-{i}"), Token)).ToList();

        // Completed synchronously: no send to Azurite can have finished yet.
        Assert.All(handOffs, h => Assert.True(h.IsCompletedSuccessfully));
        await batcher.DisposeAsync();
        var messages = await DrainAsync(queues);
        Assert.Equal(100, messages.Sum(m => DeliveryMessageBatch.Parse(m.Body.ToString()).Deliveries.Count));

        // Nobody waits for a hand-off, so each message lingers for company: full messages of 32, not one each.
        Assert.True(messages.Count <= 8, $"100 hand-offs took {messages.Count} queue messages");
    }

    [Fact]
    public async Task HandOffAsync_StorageUnreachable_ReturnsAtOnceUpToTheBacklogThenWaitsAndFails()
    {
        await using var batcher = new DeliveryBatcher(UnreachableQueues(), Options.Create(new IngestionOptions { HandOffBacklog = 3 }), NullLogger<DeliveryBatcher>.Instance);

        var handedOff = Enumerable.Range(0, 3).Select(i => batcher.HandOffAsync(Delivery($"handed-{i}"), Token)).ToList();
        var fourth = batcher.HandOffAsync(Delivery("over-the-backlog"), Token);

        // A refused connection is retried after 200 ms or more, so the first three are still unsent here.
        Assert.All(handedOff, h => Assert.True(h.IsCompletedSuccessfully));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => fourth);
    }

    [Fact]
    public async Task HandOffAsync_QueueFailingForAWhile_IsSentAgainOnceItAnswers_NotLeftToTheSweep()
    {
        await using var proxies = await StorageFaultProxies.StartAsync(azurite, cancellationToken: Token);
        var queues = await NewQueuesAsync(proxies.ConnectionString);
        var log = new FakeLogger<DeliveryBatcher>();
        await using var batcher = new DeliveryBatcher(queues, Options.Create(new IngestionOptions()), log);
        proxies.Queue.SetFaults(new FaultMix(1.0, [503]));

        var handOffs = Enumerable.Range(0, 10).Select(i => batcher.HandOffAsync(Delivery($"retried-{i}"), Token)).ToList();
        Assert.All(handOffs, h => Assert.True(h.IsCompletedSuccessfully));
        await WaitUntilAsync(() => log.Collector.GetSnapshot().Any(r => r.Id.Id == 4300), TimeSpan.FromSeconds(30));
        proxies.Queue.SetFaults(FaultMix.None);

        // The first send failed for good; only a send again can put them on the queue before the recovery sweep.
        var received = new List<DeliveryMessage>();
        await WaitUntilAsync(
            async () =>
            {
                received.AddRange((await DrainAsync(queues)).SelectMany(m => DeliveryMessageBatch.Parse(m.Body.ToString()).Deliveries));
                return received.Count >= 10;
            },
            TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"shopify:shop.example:retried-{i}").Order(), received.Select(d => d.DeliveryKey).Order());
        Assert.Contains(log.Collector.GetSnapshot(), r => r.Id.Id == 4301);
    }

    [Fact]
    public async Task DisposeAsync_WithDeliveriesWaiting_SendsThemAllThenRefusesMore()
    {
        var queues = await NewQueuesAsync();
        var batcher = new DeliveryBatcher(queues, Options.Create(new IngestionOptions()), NullLogger<DeliveryBatcher>.Instance);
        var waiters = Enumerable.Range(0, 50).Select(i => batcher.EnqueueAsync(Delivery($"shutdown-{i}"), Token)).ToList();

        await batcher.DisposeAsync();

        // Sent before DisposeAsync returned; the waiters themselves resume asynchronously just after.
        Assert.Equal(50, (await DrainAsync(queues)).Sum(m => DeliveryMessageBatch.Parse(m.Body.ToString()).Deliveries.Count));
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(5), Token);
        Assert.All(waiters, w => Assert.True(w.IsCompletedSuccessfully));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => batcher.EnqueueAsync(Delivery("too-late"), Token));
    }

    private static DeliveryMessage Delivery(string id) =>
        new($"brand-a/shopify/shopify:shop.example:{id}", "brand-a", $"shopify:shop.example:{id}", DeliveryMessageKind.New);

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within) =>
        await WaitUntilAsync(() => Task.FromResult(condition()), within);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not so within {within.TotalSeconds} s");
            await Task.Delay(100, Token);
        }
    }

    private async Task<DeliveryQueues> NewQueuesAsync(string? connectionString = null)
    {
        var queues = new DeliveryQueues(
            StorageClients.CreateQueueService(new StorageOptions { ConnectionString = connectionString ?? azurite.ConnectionString }),
            Options.Create(new IngestionOptions { QueueName = "batcher-" + Guid.NewGuid().ToString("N")[..12] }));
        await queues.EnsureCreatedAsync(Token);
        return queues;
    }

    /// <summary>Queues on a port nothing listens on: connection refused, as when the storage account is unreachable.</summary>
    private static DeliveryQueues UnreachableQueues()
    {
        var unreachable = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
            $"QueueEndpoint=http://127.0.0.1:{FreePort.Next()}/{AzuriteFixture.AccountName};";
        return new DeliveryQueues(
            StorageClients.CreateQueueService(new StorageOptions { ConnectionString = unreachable }),
            Options.Create(new IngestionOptions()));
    }

    private static async Task<List<QueueMessage>> DrainAsync(DeliveryQueues queues)
    {
        var all = new List<QueueMessage>();
        while (true)
        {
            var batch = (await queues.Queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), Token)).Value;
            if (batch.Length == 0)
            {
                return all;
            }

            all.AddRange(batch);
        }
    }
}
