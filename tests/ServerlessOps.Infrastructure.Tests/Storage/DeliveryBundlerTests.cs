using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.Faults;

namespace ServerlessOps.Infrastructure.Tests.Storage;

/// <summary>The webhook edge's group commit of raw deliveries into bundles, against a real Azurite.</summary>
[Collection(SharedAzurite.Name)]
public sealed class DeliveryBundlerTests(AzuriteFixture azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StoreAsync_ManyAtOnce_EachIsInAQueuedInlineBundleWhenItCompletesAndTheyShareBundles()
    {
        var store = await NewStoreAsync();
        await using var bundler = store.Bundler();
        var sent = Enumerable.Range(0, 200).Select(i => Delivery($"order-{i}")).ToList();

        // No polling: a delivery may only be acknowledged once the message holding it is sent (checked on a sample).
        var stored = sent.Select(async (d, i) =>
        {
            await bundler.StoreAsync(d, untilQueued: false, Token);
            return i % 40 != 0 || await store.FindOnQueueAsync(d.DeliveryKey);
        }).ToList();

        Assert.All(await Task.WhenAll(stored), Assert.True);
        var bundles = await store.TakeQueuedBundlesAsync();
        Assert.Equal(sent.Select(d => d.DeliveryKey).Order(), bundles.SelectMany(b => b.Deliveries).Select(d => d.DeliveryKey).Order());
        Assert.True(bundles.Count <= sent.Count / 4, $"{sent.Count} deliveries arriving together took {bundles.Count} bundles");
        Assert.Empty(await store.ReadBundlesAsync());
    }

    [Fact]
    public async Task StoreAsync_OneAlone_TravelsInsideItsQueueMessageAndWritesNoBlob()
    {
        var store = await NewStoreAsync();
        await using var bundler = store.Bundler();
        var delivery = Delivery("lonely") with { Body = Encoding.UTF8.GetBytes("{\"id\":\"lonely\",\"note\":\"a+b/c é\"}") };

        await bundler.StoreAsync(delivery, untilQueued: false, Token);

        // Sent before StoreAsync returned, whatever the caller waits for: the message is the stored copy.
        var message = Assert.Single(await DrainAsync(store.Queues));
        Assert.True(message.Body.ToArray().Length <= 4 * DeliveryBundleMessage.MaxInlineBytes / 3 + 4);
        Assert.True(DeliveryBundleMessage.TryParse(message.Body.ToString(), out var bundleMessage));
        var read = Assert.Single(bundleMessage.Inline!.Deliveries);
        Assert.Equal(delivery.DeliveryKey, read.DeliveryKey);
        Assert.Equal(delivery.Body.ToArray(), read.Body.ToArray());
        Assert.Equal(delivery.ReceivedAt, read.ReceivedAt);
        Assert.Equal(delivery.Headers, read.Headers);
        Assert.Empty(await store.ReadBundlesAsync());
        Assert.Empty(await store.AllBlobsAsync());
    }

    [Fact]
    public async Task StoreAsync_TooBigForAQueueMessage_IsWrittenAsABundleBlobAndQueuedByItsName()
    {
        var store = await NewStoreAsync();
        await using var bundler = store.Bundler();
        var delivery = Big("too-big");

        await bundler.StoreAsync(delivery, untilQueued: true, Token);

        // Queued before StoreAsync returned, since the caller asked to wait for the queue.
        var message = Assert.Single(await DrainAsync(store.Queues));
        Assert.True(DeliveryBundleMessage.TryParse(message.Body.ToString(), out var bundleMessage));
        Assert.Null(bundleMessage.Inline);
        var bundle = await store.Bundles.ReadAsync(bundleMessage.BundleBlobName, Token);
        var read = Assert.Single(bundle!.Deliveries);
        Assert.Equal(delivery.DeliveryKey, read.DeliveryKey);
        Assert.Equal(delivery.Body.ToArray(), read.Body.ToArray());
    }

    [Fact]
    public async Task StoreAsync_SmallOnesThenABigOne_TheSmallOnesTravelInlineAndTheBigOneInABlob()
    {
        var store = await NewStoreAsync();
        await using var bundler = store.Bundler();
        List<RawDelivery> sent = [.. Enumerable.Range(0, 20).Select(i => Delivery($"small-{i}")), Big("big"), .. Enumerable.Range(20, 20).Select(i => Delivery($"small-{i}"))];

        await Task.WhenAll(sent.Select(d => bundler.StoreAsync(d, untilQueued: false, Token)));

        var bundles = await store.TakeQueuedBundlesAsync();
        Assert.Equal(sent.Select(d => d.DeliveryKey).Order(), bundles.SelectMany(b => b.Deliveries).Select(d => d.DeliveryKey).Order());

        // Those after the big one may share its blob: it is written anyway, and they cost it nothing more.
        var blob = Assert.Single(await store.ReadBundlesAsync());
        Assert.Contains(blob.Deliveries, d => d.DeliveryKey == "shopify:shop.example:big");
        Assert.DoesNotContain(blob.Deliveries, d => sent.IndexOf(sent.First(s => s.DeliveryKey == d.DeliveryKey)) < 20);
    }

    [Fact]
    public async Task StoreAsync_InlineSendFails_AcknowledgesFromABundleBlobAndQueuesItOnceTheQueueAnswers()
    {
        await using var proxies = await StorageFaultProxies.StartAsync(azurite, cancellationToken: Token);
        var store = await NewStoreAsync(queueConnection: proxies.ConnectionString);
        var log = new FakeLogger<DeliveryBundler>();
        await using var bundler = store.Bundler(log);
        proxies.Queue.SetFaults(new FaultMix(1.0, [503]));

        // Small enough to travel inline, but the queue refuses: the blob, a store of its own, takes the bundle instead.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => bundler.StoreAsync(Delivery($"fell-back-{i}"), untilQueued: false, Token)));
        var stored = (await store.ReadBundlesAsync()).SelectMany(b => b.Deliveries).Select(d => d.DeliveryKey);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"shopify:shop.example:fell-back-{i}").Order(), stored.Order());
        Assert.Contains(log.Collector.GetSnapshot(), r => r.Id.Id == 4304);

        var queued = await HealAfterFirstSendFailedAsync(proxies, store, log, 10);
        Assert.Equal(stored.Order(), queued.Order());
    }

    [Fact]
    public async Task StoreAsync_InlineSendAndBlobWriteBothFail_RefusesEveryCallerAndStoresNothing()
    {
        await using var proxies = await StorageFaultProxies.StartAsync(azurite, cancellationToken: Token);
        var store = await NewStoreAsync(blobConnection: proxies.ConnectionString, queueConnection: proxies.ConnectionString);
        await using var bundler = store.Bundler();
        proxies.SetFaults(new FaultMix(1.0, [503]));

        var waiters = Enumerable.Range(0, 10).Select(i => bundler.StoreAsync(Delivery($"refused-{i}"), untilQueued: false, Token)).ToList();

        foreach (var waiter in waiters)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => waiter);
        }

        // Nothing was acknowledged, so nothing is left behind for the sweep, and nothing is sent again later.
        proxies.SetFaults(FaultMix.None);
        await Task.Delay(TimeSpan.FromSeconds(2), Token);
        Assert.Empty(await DrainAsync(store.Queues));
        Assert.Empty(await store.AllBlobsAsync());
    }

    [Fact]
    public async Task StoreAsync_LargeBodies_SplitsBundlesAtTheByteLimit()
    {
        var store = await NewStoreAsync();
        await using var bundler = store.Bundler();

        // ~700 KB each once base64-encoded: three cannot share a 2 MiB bundle.
        var sent = Enumerable.Range(0, 6).Select(i => Delivery($"big-{i}") with { Body = new byte[512 * 1024] }).ToList();
        await Task.WhenAll(sent.Select(d => bundler.StoreAsync(d, untilQueued: false, Token)));

        var bundles = await store.ReadBundlesAsync();
        Assert.Equal(6, bundles.Sum(b => b.Deliveries.Count));
        Assert.All(bundles, b => Assert.InRange(b.Deliveries.Count, 1, 2));
    }

    [Fact]
    public async Task StoreAsync_BlobStorageUnreachable_FailsEveryWaiterOfABundleBlobAsUnavailable()
    {
        var store = await NewStoreAsync(blobConnection: UnreachableConnection("BlobEndpoint"));
        await using var bundler = store.Bundler();

        var waiters = Enumerable.Range(0, 5).Select(i => bundler.StoreAsync(Big($"lost-{i}"), untilQueued: false, Token)).ToList();

        foreach (var waiter in waiters)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => waiter);
        }
    }

    [Fact]
    public async Task StoreAsync_QueueFailingForAWhile_AcknowledgesABundleBlobOnceWrittenAndSendsItAgainOnceTheQueueAnswers()
    {
        await using var proxies = await StorageFaultProxies.StartAsync(azurite, cancellationToken: Token);
        var store = await NewStoreAsync(queueConnection: proxies.ConnectionString);
        var log = new FakeLogger<DeliveryBundler>();
        await using var bundler = store.Bundler(log);
        proxies.Queue.SetFaults(new FaultMix(1.0, [503]));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => bundler.StoreAsync(Big($"retried-{i}"), untilQueued: false, Token)));
        var received = await HealAfterFirstSendFailedAsync(proxies, store, log, 10);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"shopify:shop.example:retried-{i}").Order(), received.Order());
        Assert.Contains(log.Collector.GetSnapshot(), r => r.Id.Id == 4301);
    }

    [Fact]
    public async Task StoreAsync_UntilQueuedWhileTheQueueFails_RefusesTheWaiterButTheBundleBlobIsStillStored()
    {
        var store = await NewStoreAsync(queueConnection: UnreachableConnection("QueueEndpoint"));
        await using var bundler = store.Bundler();
        var delivery = Big("queue-down");

        await Assert.ThrowsAsync<StoreUnavailableException>(() => bundler.StoreAsync(delivery, untilQueued: true, Token));

        // Refused, so its channel sends it again; the stored copy is the sweep's to find, and spreading de-duplicates the two.
        Assert.True(await store.FindInBundlesAsync(delivery.DeliveryKey));
    }

    [Fact]
    public async Task StoreAsync_UntilQueuedSmallDeliveryWhileTheQueueFails_RefusedWithoutWritingABlobNobodyWaitsFor()
    {
        var store = await NewStoreAsync(queueConnection: UnreachableConnection("QueueEndpoint"));
        await using var bundler = store.Bundler();

        await Assert.ThrowsAsync<StoreUnavailableException>(() => bundler.StoreAsync(Delivery("queue-down"), untilQueued: true, Token));

        // Its inline send failed and its only caller needed the queue: the channel sends it again, so no blob is written.
        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        Assert.Empty(await store.AllBlobsAsync());
    }

    [Fact]
    public async Task DisposeAsync_WithDeliveriesWaiting_WritesAndQueuesThemAllThenRefusesMore()
    {
        var store = await NewStoreAsync();
        var bundler = store.Bundler();
        var waiters = Enumerable.Range(0, 50).Select(i => bundler.StoreAsync(Delivery($"shutdown-{i}"), untilQueued: false, Token)).ToList();

        await bundler.DisposeAsync();

        var bundles = await store.TakeQueuedBundlesAsync();
        Assert.Equal(50, bundles.Sum(b => b.Deliveries.Count));
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(5), Token);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => bundler.StoreAsync(Delivery("too-late"), untilQueued: false, Token));
    }

    private static RawDelivery Delivery(string id) => new(
        $"shopify:shop.example:{id}", "brand-a", SalesChannel.Shopify, "shop.example", id, "orders/create", null,
        DateTimeOffset.UtcNow, "/api/webhooks/shopify", new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\"}}"));

    /// <summary>A delivery whose bundle cannot travel inside a queue message.</summary>
    private static RawDelivery Big(string id) => Delivery(id) with { Body = new byte[DeliveryBundleMessage.MaxInlineBytes] };

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not so within {within.TotalSeconds} s");
            await Task.Delay(100, Token);
        }
    }

    private static string UnreachableConnection(string endpoint) =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
        $"{endpoint}=http://127.0.0.1:{FreePort.Next()}/{AzuriteFixture.AccountName};";

    private async Task<BundleStore> NewStoreAsync(string? blobConnection = null, string? queueConnection = null)
    {
        var options = Options.Create(new IngestionOptions
        {
            QueueName = "bundler-" + Guid.NewGuid().ToString("N")[..12],
            RawContainer = "bundler-" + Guid.NewGuid().ToString("N")[..12],
        });
        var blobs = StorageClients.CreateBlobService(new StorageOptions { ConnectionString = blobConnection ?? azurite.ConnectionString });
        var queues = new DeliveryQueues(StorageClients.CreateQueueService(new StorageOptions { ConnectionString = queueConnection ?? azurite.ConnectionString }), options);
        await EnsureCreatedUnlessUnreachableAsync(() => new RawDeliveryStore(blobs, options).EnsureCreatedAsync(Token));
        await EnsureCreatedUnlessUnreachableAsync(() => queues.EnsureCreatedAsync(Token));
        return new BundleStore(new RawDeliveryBundles(blobs, options), queues, blobs.GetBlobContainerClient(options.Value.RawContainer), options);
    }

    private static async Task EnsureCreatedUnlessUnreachableAsync(Func<Task> ensureCreated)
    {
        try
        {
            await ensureCreated();
        }
        catch (StoreUnavailableException)
        {
            // A service made unreachable on purpose.
        }
    }

    /// <summary>
    /// Heals the queue once a bundle blob's first send has failed for good (event 4300), so only a send again can queue
    /// the bundles before the recovery sweep; then the delivery keys of the bundles queued by name, once there are
    /// <paramref name="expected"/> of them.
    /// </summary>
    private static async Task<List<string>> HealAfterFirstSendFailedAsync(StorageFaultProxies proxies, BundleStore store, FakeLogger<DeliveryBundler> log, int expected)
    {
        await WaitUntilAsync(() => Task.FromResult(log.Collector.GetSnapshot().Any(r => r.Id.Id == 4300)), TimeSpan.FromSeconds(30));
        proxies.Queue.SetFaults(FaultMix.None);
        var queued = new List<string>();
        await WaitUntilAsync(
            async () =>
            {
                foreach (var message in await DrainAsync(store.Queues))
                {
                    Assert.True(DeliveryBundleMessage.TryParse(message.Body.ToString(), out var bundle));
                    queued.AddRange((await store.Bundles.ReadAsync(bundle!.BundleBlobName, Token))!.Deliveries.Select(d => d.DeliveryKey));
                }

                return queued.Count >= expected;
            },
            TimeSpan.FromSeconds(30));
        return queued;
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

    private sealed record BundleStore(RawDeliveryBundles Bundles, DeliveryQueues Queues, BlobContainerClient Container, IOptions<IngestionOptions> Options)
    {
        public DeliveryBundler Bundler(FakeLogger<DeliveryBundler>? log = null) =>
            new(Bundles, Queues, Options, TimeProvider.System, (Microsoft.Extensions.Logging.ILogger<DeliveryBundler>?)log ?? NullLogger<DeliveryBundler>.Instance);

        public async Task<List<RawDeliveryBundle>> ReadBundlesAsync()
        {
            var bundles = new List<RawDeliveryBundle>();
            await foreach (var name in Bundles.ListWrittenBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), 10_000, Token))
            {
                bundles.Add((await Bundles.ReadAsync(name, Token))!);
            }

            return bundles;
        }

        public async Task<bool> FindInBundlesAsync(string deliveryKey) =>
            (await ReadBundlesAsync()).Any(b => b.Deliveries.Any(d => d.DeliveryKey == deliveryKey));

        /// <summary>Whether a message on the queue carries the delivery inside it (peeked, so left there).</summary>
        public async Task<bool> FindOnQueueAsync(string deliveryKey)
        {
            foreach (var message in (await Queues.Queue.PeekMessagesAsync(32, Token)).Value)
            {
                if (DeliveryBundleMessage.TryParse(message.Body.ToString(), out var bundle)
                    && bundle.Inline is { } inline
                    && inline.Deliveries.Any(d => d.DeliveryKey == deliveryKey))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The bundles the queue's messages carry or name, taking the messages off the queue.</summary>
        public async Task<List<RawDeliveryBundle>> TakeQueuedBundlesAsync()
        {
            var bundles = new List<RawDeliveryBundle>();
            foreach (var message in await DrainAsync(Queues))
            {
                Assert.True(DeliveryBundleMessage.TryParse(message.Body.ToString(), out var bundle));
                bundles.Add(bundle.Inline ?? (await Bundles.ReadAsync(bundle.BundleBlobName, Token))!);
            }

            return bundles;
        }

        public async Task<List<string>> AllBlobsAsync()
        {
            var names = new List<string>();
            await foreach (var blob in Container.GetBlobsAsync(cancellationToken: Token))
            {
                names.Add(blob.Name);
            }

            return names;
        }
    }
}
