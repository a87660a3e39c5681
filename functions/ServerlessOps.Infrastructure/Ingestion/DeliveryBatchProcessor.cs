using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Ingestion;

/// <summary>
/// Processes the deliveries one queue message carries. A batch is only transport: each delivery keeps its own
/// fate. A lone delivery that fails throws, so the queue retries it and poisons it after MaxDequeueCount, as
/// before batching. When deliveries of a larger batch fail, each failed one is queued again as a message of its
/// own, visible after the queue's usual retry delay, and the batch completes: one bad delivery neither holds
/// back nor re-runs the others, and from then on it is retried and poisoned on its own count (so it gets one
/// attempt more than a delivery that was never batched).
/// A bundle from the webhook edge is first spread into the deliveries' own blobs (<see cref="SpreadAsync"/>), then
/// processed the same way; a bundle blob is then deleted, an inline one goes with its message.
/// </summary>
public sealed partial class DeliveryBatchProcessor
{
    /// <summary>
    /// Deliveries of one message processed at once. The queue driver already runs up to 16 messages in parallel;
    /// a little more within a batch keeps the round trips to Cosmos and the channel APIs overlapping.
    /// </summary>
    private const int Parallelism = 4;

    private readonly DeliveryProcessor _processor;
    private readonly DeliveryQueues _queues;
    private readonly RawDeliveryStore _raw;
    private readonly RawDeliveryBundles _bundles;
    private readonly ProcessingBudget _budget;
    private readonly ILogger<DeliveryBatchProcessor> _logger;

    public DeliveryBatchProcessor(
        DeliveryProcessor processor,
        DeliveryQueues queues,
        RawDeliveryStore raw,
        RawDeliveryBundles bundles,
        ProcessingBudget budget,
        ILogger<DeliveryBatchProcessor> logger)
    {
        _processor = processor;
        _queues = queues;
        _raw = raw;
        _bundles = bundles;
        _budget = budget;
        _logger = logger;
    }

    /// <param name="batch">The message's deliveries.</param>
    /// <param name="retryDelay">How long a failed delivery split out of the batch stays invisible before its retry.</param>
    /// <param name="cancellationToken">Shutdown: the whole message is then left to reappear and be retried.</param>
    public Task ProcessAsync(DeliveryMessageBatch batch, TimeSpan retryDelay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return ProcessEachAsync([.. batch.Deliveries.Select(d => new SpreadDelivery(d, null))], retryDelay, cancellationToken);
    }

    /// <summary>
    /// Processes a bundle the webhook edge stored: spreads it, processes its deliveries as one batch, and deletes its blob
    /// once every delivery has its own blob (the ones that failed were queued again on their own); an inline bundle has
    /// no blob, and is done with once the message completes. If anything before that throws, the whole message is
    /// retried, and spreading again meets the blobs it wrote itself (so does a second copy of an inline message).
    /// </summary>
    public async Task ProcessAsync(DeliveryBundleMessage message, TimeSpan retryDelay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bundle = message.Inline ?? await _bundles.ReadAsync(message.BundleBlobName, cancellationToken);
        if (bundle is null)
        {
            LogBundleGone(message.BundleBlobName);
            return;
        }

        var deliveries = await SpreadEachAsync(bundle, cancellationToken);
        if (deliveries.Count > 0)
        {
            await ProcessEachAsync(deliveries, retryDelay, cancellationToken);
        }

        if (message.Inline is null)
        {
            await _bundles.DeleteAsync(bundle.BlobName, cancellationToken);
        }
    }

    /// <summary>
    /// Stores each delivery of <paramref name="bundle"/> in its own blob, under the create-if-absent condition that
    /// de-duplicates deliveries: a first copy is <see cref="DeliveryMessageKind.New"/>, a repeat of one stored
    /// earlier <see cref="DeliveryMessageKind.Duplicate"/>, named by its place in this bundle (<see cref="DeliveryMessage.Arrival"/>)
    /// so that it is counted once however often the bundle is spread. A blob this bundle wrote on an earlier attempt has
    /// the same receipt time and counts as new again. Within the instance's budget of deliveries in progress.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryMessage>> SpreadAsync(RawDeliveryBundle bundle, CancellationToken cancellationToken = default) =>
        [.. (await SpreadEachAsync(bundle, cancellationToken)).Select(d => d.Message)];

    private async Task<IReadOnlyList<SpreadDelivery>> SpreadEachAsync(RawDeliveryBundle bundle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var spread = new SpreadDelivery[bundle.Deliveries.Count];
        var failures = new ConcurrentQueue<Exception>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, spread.Length), parallel, async (i, token) =>
        {
            var delivery = bundle.Deliveries[i];
            try
            {
                await WithinBudgetAsync(async () =>
                {
                    var created = await _raw.TryCreateAsync(delivery, token);
                    var message = created.Created
                        ? new DeliveryMessage(delivery.BlobName, delivery.BrandId, delivery.DeliveryKey, DeliveryMessageKind.New)
                        : new DeliveryMessage(delivery.BlobName, delivery.BrandId, delivery.DeliveryKey, DeliveryMessageKind.Duplicate, DeliveryMessage.ArrivalIn(bundle.BlobName, i));

                    // Written just now: processing can take this copy instead of reading the blob back.
                    spread[i] = new SpreadDelivery(message, created.WrittenETag is { } etag ? delivery with { StoredETag = etag } : null);
                }, token);
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                // The others still get their blobs: once stored, a delivery no longer depends on this message (the
                // stranded-delivery sweep finds it if the message never succeeds), so one that cannot be stored does
                // not take its bundle-mates down with it.
                LogSpreadFailed(delivery.DeliveryKey, bundle.Deliveries.Count, e);
                failures.Enqueue(e);
            }
        });
        if (failures.TryPeek(out var first))
        {
            // The message is retried as before, for the first failure's reason (each one is logged above).
            ExceptionDispatchInfo.Throw(first);
        }

        return spread;
    }

    /// <summary>
    /// Each delivery in parallel; a lone one that fails throws (the queue retries it), and failures among several are
    /// queued again on their own.
    /// </summary>
    private async Task ProcessEachAsync(IReadOnlyList<SpreadDelivery> deliveries, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        if (deliveries.Count == 1)
        {
            await ProcessOneAsync(deliveries[0], cancellationToken);
            return;
        }

        var failed = new ConcurrentQueue<DeliveryMessage>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(deliveries, parallel, async (delivery, token) =>
        {
            try
            {
                await ProcessOneAsync(delivery, token);
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                LogDeliveryFailed(delivery.Message.DeliveryKey, deliveries.Count, e);
                failed.Enqueue(delivery.Message);
            }
        });

        // If this throws, the whole message is retried: the deliveries that succeeded are idempotent repeats.
        await Task.WhenAll(failed.Select(delivery => _queues.EnqueueAsync(delivery, retryDelay, cancellationToken)));
    }

    private Task ProcessOneAsync(SpreadDelivery delivery, CancellationToken cancellationToken) =>
        WithinBudgetAsync(() => _processor.ProcessAsync(delivery.Message, delivery.Written, cancellationToken), cancellationToken);

    /// <summary>
    /// One delivery's work (spreading it, or processing it), within the instance's <see cref="ProcessingBudget"/>, which
    /// shrinks while the webhook edge is busy. Without a budget, the up to 24 messages the queue driver holds (batch 16
    /// plus 8), each worked 4 deliveries at a time, could keep ~100 deliveries in flight, and their storage calls would
    /// queue ahead of the webhook edge's bundle writes on the same storage account.
    /// </summary>
    private Task WithinBudgetAsync(Func<Task> work, CancellationToken cancellationToken) => _budget.RunAsync(work, cancellationToken);

    [LoggerMessage(EventId = 4211, Level = LogLevel.Information, Message = "Bundle {Bundle} is gone: an earlier attempt spread, processed and deleted it")]
    private partial void LogBundleGone(string bundle);

    [LoggerMessage(EventId = 4210, Level = LogLevel.Warning, Message = "Delivery {DeliveryKey} failed in a batch of {BatchSize}; queued again on its own")]
    private partial void LogDeliveryFailed(string deliveryKey, int batchSize, Exception exception);

    [LoggerMessage(EventId = 4212, Level = LogLevel.Error, Message = "Delivery {DeliveryKey} of a bundle of {BundleSize} could not be stored in its own blob")]
    private partial void LogSpreadFailed(string deliveryKey, int bundleSize, Exception exception);

    /// <summary>A delivery to process, with its blob's content when the caller has just written it.</summary>
    private sealed record SpreadDelivery(DeliveryMessage Message, RawDelivery? Written);
}
