using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Group commit for the webhook edge. Each acknowledgement still waits until its delivery is on the queue, but
/// deliveries that arrive while a send is in flight leave together in the next message, so under load the edge
/// makes one queue call per batch rather than one per webhook. A delivery arriving while nothing is being sent
/// leaves at once; one arriving while a send is in flight waits up to <see cref="LingerWhileBusy"/> for company,
/// so batches form only under load, which is exactly when the saving is needed.
/// </summary>
/// <remarks>
/// Measured on the 2-core benchmark machine: the queue send was half of the edge's storage CPU and 0.4 ms of
/// the app's 1 ms per acknowledgement. A send that fails fails every acknowledgement waiting on it (a 503,
/// so the channel retries); their blobs stay "received" and the recovery sweep is the backstop.
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

    private readonly Channel<PendingDelivery> _pending = Channel.CreateUnbounded<PendingDelivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _sendSlots = new(SendsInFlight, SendsInFlight);
    private readonly DeliveryQueues _queues;
    private readonly ILogger<DeliveryBatcher> _logger;
    private readonly Task _collector;
    private int _sending;

    public DeliveryBatcher([FromKeyedServices(StorageProfile.Edge)] DeliveryQueues queues, ILogger<DeliveryBatcher> logger)
    {
        _queues = queues;
        _logger = logger;
        _collector = Task.Run(CollectAsync);
    }

    /// <summary>Completes once <paramref name="message"/> is on the queue; throws what the send threw.</summary>
    public Task EnqueueAsync(DeliveryMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var pending = new PendingDelivery(message, DeliveryMessageBatch.SizeInBatch(message));
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new StoreUnavailableException("The app is shutting down and no longer queues deliveries.", StoreUnavailableException.DefaultRetryAfter);
        }

        // Giving up waiting (the caller hung up) does not withdraw the delivery: its blob is stored already.
        return pending.Queued.Task.WaitAsync(cancellationToken);
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

        _sendSlots.Dispose();
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

            if (Volatile.Read(ref _sending) > 0)
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
        try
        {
            await _queues.EnqueueAsync(new DeliveryMessageBatch([.. batch.Select(p => p.Message)]));

            foreach (var pending in batch)
            {
                pending.Queued.TrySetResult();
            }
        }
        catch (Exception e)
        {
            LogSendFailed(batch.Count, e);
            foreach (var pending in batch)
            {
                pending.Queued.TrySetException(e);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _sending);
            _sendSlots.Release();
        }
    }

    [LoggerMessage(EventId = 4300, Level = LogLevel.Warning, Message = "Queueing {Count} delivery message(s) failed; their acknowledgements fail and the channels retry")]
    private partial void LogSendFailed(int count, Exception exception);

    private sealed record PendingDelivery(DeliveryMessage Message, int JsonBytes)
    {
        public TaskCompletionSource Queued { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
