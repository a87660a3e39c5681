using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Group commit for the webhook edge: deliveries taken close together leave in one queue message, so under
/// load the edge makes one queue call per batch rather than one per webhook. A caller either waits until its
/// delivery is on the queue (<see cref="EnqueueAsync"/>) or hands it off and goes on (<see cref="HandOffAsync"/>).
/// A waited-for delivery leaves at once when nothing is being sent and waits up to <see cref="LingerWhileBusy"/>
/// for company while a send is in flight, so its batches form only under load. Hand-offs always wait
/// <see cref="LingerForHandOffs"/>, since nobody is held up by it.
/// </summary>
/// <remarks>
/// Measured on the 2-core benchmark machine: the queue send was half of the edge's storage CPU and 0.4 ms of
/// the app's 1 ms per acknowledgement. A send that fails fails every caller waiting on it (a 503, so the
/// channel retries). Its hand-offs were acknowledged already and nobody would send them again before the recovery
/// sweep (minutes later): they are sent again in the background with back-off (<see cref="HandOffRetry"/>), and only
/// if that fails too does the sweep, which finds their blobs still "received", pick them up.
/// </remarks>
public sealed partial class DeliveryBatcher : IAsyncDisposable
{
    /// <summary>
    /// Sends allowed in flight at once. Two, so a delivery arriving just after a send left does not wait a
    /// whole round trip for it before its own can start.
    /// </summary>
    private const int SendsInFlight = 2;

    /// <summary>
    /// How long the next message waits for more deliveries while a send is in flight. Measured at 500 webhooks/s
    /// on 2 cores: without it batches stayed at about one delivery (sends were as fast as arrivals) and Azurite
    /// spent ~0.7 ms per webhook on queue sends; 4 ms cost ~3 ms of median latency and cut that by about half.
    /// </summary>
    private static readonly TimeSpan LingerWhileBusy = TimeSpan.FromMilliseconds(4);

    /// <summary>
    /// How long a message of hand-offs (nobody waits for it) waits for more, busy or not. It delays only the
    /// start of processing, so it can be long enough for real batches, taking most of the queue's cost off the
    /// storage account that the acknowledgements' blob uploads share. Measured at 500 webhooks/s on 2 cores:
    /// about 10 deliveries per message instead of 1.7, and Azurite's CPU per webhook 1.15-1.41 ms instead of 1.5-1.9.
    /// </summary>
    private static readonly TimeSpan LingerForHandOffs = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Hand-offs of a failed send are sent again 4 times over ~7 s, jittered, holding no send slot: drill 3 (30 % of
    /// storage requests failing) left 7 of 240 acknowledged deliveries to wait for the stranded sweep without it.
    /// </summary>
    private static readonly ResiliencePipeline HandOffRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
        })
        .Build();

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _retriesLock = new();
    private readonly List<Task> _retries = [];
    private readonly Channel<PendingDelivery> _pending = Channel.CreateUnbounded<PendingDelivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _sendSlots = new(SendsInFlight, SendsInFlight);
    private readonly DeliveryQueues _queues;
    private readonly int _handOffBacklog;
    private readonly ILogger<DeliveryBatcher> _logger;
    private readonly Task _collector;
    private int _sending;
    private int _unsent;

    public DeliveryBatcher([FromKeyedServices(StorageProfile.Edge)] DeliveryQueues queues, IOptions<IngestionOptions> options, ILogger<DeliveryBatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queues = queues;
        _handOffBacklog = options.Value.HandOffBacklog;
        _logger = logger;
        _collector = Task.Run(CollectAsync);
    }

    /// <summary>Completes once <paramref name="message"/> is on the queue; throws what the send threw.</summary>
    public Task EnqueueAsync(DeliveryMessage message, CancellationToken cancellationToken = default) =>
        Take(message, waitUntilQueued: true, cancellationToken);

    /// <summary>
    /// Takes <paramref name="message"/> for the next send and completes at once, before it is on the queue;
    /// a failed send is only logged. While <see cref="IngestionOptions.HandOffBacklog"/> deliveries are already
    /// waiting to be sent, it waits like <see cref="EnqueueAsync"/> instead, so a slow or failing queue slows
    /// the caller rather than filling memory.
    /// </summary>
    public Task HandOffAsync(DeliveryMessage message, CancellationToken cancellationToken = default) =>
        Take(message, waitUntilQueued: Volatile.Read(ref _unsent) >= _handOffBacklog, cancellationToken);

    private Task Take(DeliveryMessage message, bool waitUntilQueued, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var pending = new PendingDelivery(message, DeliveryMessageBatch.SizeInBatch(message), waitUntilQueued ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null);
        Interlocked.Increment(ref _unsent);
        if (!_pending.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _unsent);
            throw new StoreUnavailableException("The app is shutting down and no longer queues deliveries.", StoreUnavailableException.DefaultRetryAfter);
        }

        // Giving up waiting (the caller hung up) does not withdraw the delivery: its blob is stored already.
        return pending.Queued?.Task.WaitAsync(cancellationToken) ?? Task.CompletedTask;
    }

    /// <summary>Stops taking deliveries and waits until every one already taken has been sent (or has failed).</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _collector;
        for (var slot = 0; slot < SendsInFlight; slot++)
        {
            await _sendSlots.WaitAsync();
        }

        // Hand-offs still being sent again stop now: their blobs stay "received" for the recovery sweep.
        await _stopping.CancelAsync();
        Task[] retries;
        lock (_retriesLock)
        {
            retries = [.. _retries];
        }

        await Task.WhenAll(retries);
        _sendSlots.Dispose();
        _stopping.Dispose();
    }

    /// <summary>
    /// The one reader: waits for a free send slot, then takes everything waiting (within one message's limits)
    /// and sends it without waiting for the send to finish.
    /// </summary>
    private async Task CollectAsync()
    {
        var reader = _pending.Reader;
        while (true)
        {
            await _sendSlots.WaitAsync();
            if (!await reader.WaitToReadAsync())
            {
                _sendSlots.Release();
                return;
            }

            if (reader.TryPeek(out var first) && first.Queued is null)
            {
                await Task.Delay(LingerForHandOffs);
            }
            else if (Volatile.Read(ref _sending) > 0)
            {
                await Task.Delay(LingerWhileBusy);
            }

            var batch = new List<PendingDelivery>();
            var bytes = 0;
            while (batch.Count < DeliveryMessageBatch.MaxDeliveries
                && reader.TryPeek(out var next)
                && (batch.Count == 0 || bytes + next.JsonBytes <= DeliveryMessageBatch.MaxJsonBytes)
                && reader.TryRead(out next))
            {
                batch.Add(next);
                bytes += next.JsonBytes;
            }

            Interlocked.Increment(ref _sending);
            _ = SendAsync(batch);
        }
    }

    private async Task SendAsync(List<PendingDelivery> batch)
    {
        var retrying = 0;
        try
        {
            await _queues.EnqueueAsync(new DeliveryMessageBatch([.. batch.Select(p => p.Message)]));

            foreach (var pending in batch)
            {
                pending.Queued?.TrySetResult();
            }
        }
        catch (Exception e)
        {
            var waiting = batch.Count(pending => pending.Queued is not null);
            LogSendFailed(batch.Count, waiting, batch.Count - waiting, e);
            foreach (var pending in batch)
            {
                pending.Queued?.TrySetException(e);
            }

            var handedOff = batch.Where(pending => pending.Queued is null).Select(pending => pending.Message).ToList();
            if (handedOff.Count > 0)
            {
                // Still counted as unsent while they are retried, so the hand-off backlog keeps bounding memory.
                retrying = handedOff.Count;
                Track(RetryHandOffsAsync(handedOff));
            }
        }
        finally
        {
            Interlocked.Add(ref _unsent, retrying - batch.Count);
            Interlocked.Decrement(ref _sending);
            _sendSlots.Release();
        }
    }

    private async Task RetryHandOffsAsync(List<DeliveryMessage> messages)
    {
        try
        {
            await HandOffRetry.ExecuteAsync(async token => await _queues.EnqueueAsync(new DeliveryMessageBatch(messages), token), _stopping.Token);
            LogHandOffsSentAgain(messages.Count);
        }
        catch (Exception e)
        {
            LogHandOffsLeftToSweep(messages.Count, e);
        }
        finally
        {
            Interlocked.Add(ref _unsent, -messages.Count);
        }
    }

    private void Track(Task retry)
    {
        lock (_retriesLock)
        {
            _retries.RemoveAll(t => t.IsCompleted);
            _retries.Add(retry);
        }
    }

    [LoggerMessage(EventId = 4300, Level = LogLevel.Warning, Message = "Queueing a message of {Count} deliveries failed: {Waiting} waiting acknowledgements fail, so their channels retry; {HandedOff} were acknowledged already and are sent again with back-off")]
    private partial void LogSendFailed(int count, int waiting, int handedOff, Exception exception);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "{Count} acknowledged deliveries whose queue message had failed were sent again")]
    private partial void LogHandOffsSentAgain(int count);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "{Count} acknowledged deliveries could not be queued after retries; their blobs stay received for the recovery sweep")]
    private partial void LogHandOffsLeftToSweep(int count, Exception exception);

    /// <summary>A delivery taken for sending; <paramref name="Queued"/> is null when nobody waits for its send.</summary>
    private sealed record PendingDelivery(DeliveryMessage Message, int JsonBytes, TaskCompletionSource? Queued);
}
