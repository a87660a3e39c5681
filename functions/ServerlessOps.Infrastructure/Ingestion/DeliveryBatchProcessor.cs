using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Ingestion;

/// <summary>
/// Processes the deliveries one queue message carries. A batch is only transport: each delivery keeps its own
/// fate. A lone delivery that fails throws, so the queue retries it and poisons it after MaxDequeueCount, as
/// before batching. When deliveries of a larger batch fail, each failed one is queued again as a message of its
/// own, visible after the queue's usual retry delay, and the batch completes: one bad delivery neither holds
/// back nor re-runs the others, and from then on it is retried and poisoned on its own count (so it gets one
/// attempt more than a delivery that was never batched).
/// </summary>
public sealed partial class DeliveryBatchProcessor : IDisposable
{
    /// <summary>
    /// Deliveries of one message processed at once. The queue driver already runs up to 16 messages in parallel;
    /// a little more within a batch keeps the round trips to Cosmos and the channel APIs overlapping.
    /// </summary>
    private const int Parallelism = 4;

    private readonly DeliveryProcessor _processor;
    private readonly DeliveryQueues _queues;
    private readonly SemaphoreSlim _inProgress;
    private readonly ILogger<DeliveryBatchProcessor> _logger;

    public DeliveryBatchProcessor(DeliveryProcessor processor, DeliveryQueues queues, IOptions<IngestionOptions> options, ILogger<DeliveryBatchProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _processor = processor;
        _queues = queues;
        _inProgress = new SemaphoreSlim(options.Value.MaxConcurrentDeliveries, options.Value.MaxConcurrentDeliveries);
        _logger = logger;
    }

    /// <param name="batch">The message's deliveries.</param>
    /// <param name="retryDelay">How long a failed delivery split out of the batch stays invisible before its retry.</param>
    /// <param name="cancellationToken">Shutdown: the whole message is then left to reappear and be retried.</param>
    public async Task ProcessAsync(DeliveryMessageBatch batch, TimeSpan retryDelay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Deliveries.Count == 1)
        {
            await ProcessOneAsync(batch.Deliveries[0], cancellationToken);
            return;
        }

        var failed = new ConcurrentQueue<DeliveryMessage>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batch.Deliveries, parallel, async (delivery, token) =>
        {
            try
            {
                await ProcessOneAsync(delivery, token);
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                LogDeliveryFailed(delivery.DeliveryKey, batch.Deliveries.Count, e);
                failed.Enqueue(delivery);
            }
        });

        // If this throws, the whole message is retried: the deliveries that succeeded are idempotent repeats.
        await Task.WhenAll(failed.Select(delivery => _queues.EnqueueAsync(delivery, retryDelay, cancellationToken)));
    }

    public void Dispose() => _inProgress.Dispose();

    /// <summary>
    /// One delivery, within the instance's budget of deliveries in progress. Without it, 24 messages of up to
    /// 32 deliveries each could keep ~100 deliveries in flight, and their storage calls would queue ahead of
    /// the webhook edge's uploads on the same storage account.
    /// </summary>
    private async Task ProcessOneAsync(DeliveryMessage delivery, CancellationToken cancellationToken)
    {
        await _inProgress.WaitAsync(cancellationToken);
        try
        {
            await _processor.ProcessAsync(delivery, cancellationToken);
        }
        finally
        {
            _inProgress.Release();
        }
    }

    [LoggerMessage(EventId = 4210, Level = LogLevel.Warning, Message = "Delivery {DeliveryKey} failed in a batch of {BatchSize}; queued again on its own")]
    private partial void LogDeliveryFailed(string deliveryKey, int batchSize, Exception exception);
}
