using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Group commit for the webhook edge: deliveries arriving close together are stored in one bundle
/// (<see cref="RawDeliveryBundle"/>). A bundle that fits a queue message travels inside it
/// (<see cref="DeliveryBundleMessage.Inline"/>): one queue send per bundle, and <see cref="StoreAsync"/> completes once
/// that send is done (the message is the durable copy). A bigger one is written to a blob and queued by name: two
/// requests per bundle, and <see cref="StoreAsync"/> completes once the blob is written (durable: it may be
/// acknowledged), or also queued when the caller asks for that.
/// </summary>
/// <remarks>
/// Why: at 500 webhooks/s on the 2-core machine, Azurite took only 449 blob put + queue send pairs per second, so
/// an edge storing each webhook in a blob of its own could not meet the burst goal whatever else it did (RELIABILITY
/// section 6). A bundle leaves at once when no write is in flight and otherwise waits up to <see cref="LingerWhileBusy"/>
/// for company, so bundles form only under load and a lone webhook pays no linger. The de-duplication by blob
/// name that the edge did before now happens when processing spreads the bundle into the deliveries' own blobs.
/// A queue send that fails after a bundle blob was written is retried in the background (<see cref="SendRetry"/>);
/// if that fails too, the recovery sweep finds the bundle. An inline bundle whose send fails, or takes longer than
/// <see cref="InlinePatience"/>, is written as a bundle blob instead: blobs and queues fail apart (Azurite runs them as
/// two processes, Azure Storage as two services), and the CI of 4c81d14 refused two test webhooks with 503 while only
/// the queue stalled. Only when the blob fails too is every caller refused (503), and its channel sends it again.
/// Batches are cut at what fits one message when their first delivery does, so small webhooks never pay for a blob
/// (the order-flow benchmark: a bundle blob's PUT, GET and DELETE were ~14 % of Azurite's requests per order).
/// </remarks>
public sealed partial class DeliveryBundler : IAsyncDisposable
{
    /// <summary>
    /// Bundles being written and queued at once. Four, so arrivals during one bundle's two round trips find
    /// a free slot instead of queueing behind it.
    /// </summary>
    private const int WritesInFlight = 4;

    /// <summary>Calls after which the runtime re-compiles a method optimised (30), with room to spare.</summary>
    private const int SerialisationsToOptimise = 40;

    /// <summary>At most this many deliveries share a bundle.</summary>
    private const int MaxDeliveries = 64;

    /// <summary>Bytes allowed in one bundle blob (one delivery larger than this still goes alone).</summary>
    private const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>
    /// Bytes, as <see cref="RawDeliveryBundle.SizeInBundle"/> estimates them, allowed in a bundle meant to travel inline:
    /// the message's limit less room for its envelope. The estimate is rough; the serialised message is what decides.
    /// </summary>
    private const int MaxInlineBytes = DeliveryBundleMessage.MaxInlineBytes - 256;

    /// <summary>How long the next bundle waits for more deliveries while others are being written.</summary>
    private static readonly TimeSpan LingerWhileBusy = TimeSpan.FromMilliseconds(4);

    /// <summary>
    /// How long an inline send may take before the bundle goes the blob way. A send takes milliseconds (ack p99 under
    /// 50 ms at 500/s, RELIABILITY section 6), so a queue that needs a second is stalling.
    /// </summary>
    private static readonly TimeSpan InlinePatience = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the blob write after a failed inline send may take: what is left of the edge's usual worst case (two
    /// tries of at most 2 s) after <see cref="InlinePatience"/>, so a webhook is answered inside the channels' 5 s even
    /// when both stores stall.
    /// </summary>
    private static readonly TimeSpan FallbackWritePatience = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A bundle whose queue send failed is sent again 4 times over ~7 s, jittered, holding no write slot: drill 3
    /// (30 % of storage requests failing) left acknowledged deliveries to wait for the sweep without it.
    /// </summary>
    private static readonly ResiliencePipeline SendRetry = new ResiliencePipelineBuilder()
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
    private readonly SemaphoreSlim _writeSlots = new(WritesInFlight, WritesInFlight);
    private readonly RawDeliveryBundles _bundles;
    private readonly DeliveryQueues _queues;
    private readonly TimeProvider _time;
    private readonly int _unqueuedLimit;
    private readonly ILogger<DeliveryBundler> _logger;
    private readonly Task _collector;
    private int _writing;
    private int _unqueued;

    public DeliveryBundler(
        [FromKeyedServices(StorageProfile.Edge)] RawDeliveryBundles bundles,
        [FromKeyedServices(StorageProfile.Edge)] DeliveryQueues queues,
        IOptions<IngestionOptions> options,
        TimeProvider time,
        ILogger<DeliveryBundler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bundles = bundles;
        _queues = queues;
        _time = time;
        _unqueuedLimit = options.Value.HandOffBacklog;
        _logger = logger;
        _collector = Task.Run(CollectAsync);
    }

    /// <summary>
    /// Completes once <paramref name="delivery"/> is stored in a bundle, and, with <paramref name="untilQueued"/>, once
    /// that bundle is queued too; throws what the write (or send) threw. While
    /// <see cref="IngestionOptions.HandOffBacklog"/> stored deliveries already wait for their queue send, it waits for
    /// the send anyway, so a slow or failing queue slows the edge instead of filling memory.
    /// </summary>
    public Task StoreAsync(RawDelivery delivery, bool untilQueued, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var pending = new PendingDelivery(
            delivery,
            RawDeliveryBundle.SizeInBundle(delivery),
            untilQueued || Volatile.Read(ref _unqueued) >= _unqueuedLimit,
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref _unqueued);
        if (!_pending.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _unqueued);
            throw new StoreUnavailableException("The app is shutting down and no longer stores deliveries.", StoreUnavailableException.DefaultRetryAfter);
        }

        // Giving up waiting (the caller hung up) does not withdraw the delivery: it is stored and processed anyway.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Before the first webhook: a synthetic bundle serialised as often as the runtime needs to optimise that code
    /// (about 30 calls), then written and deleted, and one queue read, all through the bundler's own clients. The
    /// ingest benchmark's burst at an idle instance waited 80-190 ms in its first 100 ms for connections and
    /// first-call code that five earlier deliveries took care of.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        var synthetic = new RawDelivery(
            "warm-up", "_warmup", SalesChannel.Shopify, "warm-up", "warm-up", "warm-up", null, _time.GetUtcNow(), "/api/webhooks/shopify",
            new Dictionary<string, string> { ["Content-Type"] = "application/json" }, "{}"u8.ToArray());
        var bundle = new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(_time.GetUtcNow()), [synthetic, synthetic]);
        for (var i = 0; i < SerialisationsToOptimise; i++)
        {
            _ = RawDeliveryBundle.SizeInBundle(synthetic) + bundle.ToBytes().Length;
        }

        await _bundles.WarmUpAsync(bundle, cancellationToken);
        await _queues.Queue.GetPropertiesAsync(cancellationToken);
    }

    /// <summary>Stops taking deliveries and waits until every one already taken has been written and queued (or has failed).</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _collector;
        for (var slot = 0; slot < WritesInFlight; slot++)
        {
            await _writeSlots.WaitAsync();
        }

        // Sends still being retried stop now: their bundles stay for the recovery sweep.
        await _stopping.CancelAsync();
        Task[] retries;
        lock (_retriesLock)
        {
            retries = [.. _retries];
        }

        await Task.WhenAll(retries);
        _writeSlots.Dispose();
        _stopping.Dispose();
    }

    /// <summary>The one reader: waits for a free write slot, then takes what is waiting (within a bundle's limits) and writes it without waiting.</summary>
    private async Task CollectAsync()
    {
        var reader = _pending.Reader;
        while (true)
        {
            await _writeSlots.WaitAsync();
            if (!await reader.WaitToReadAsync())
            {
                _writeSlots.Release();
                return;
            }

            if (Volatile.Read(ref _writing) > 0)
            {
                await Task.Delay(LingerWhileBusy);
            }

            var batch = new List<PendingDelivery>();
            var bytes = 0;
            var limit = MaxBytes;
            while (batch.Count < MaxDeliveries
                && reader.TryPeek(out var next)
                && (batch.Count == 0 || bytes + next.Bytes <= limit)
                && reader.TryRead(out next))
            {
                batch.Add(next);
                bytes += next.Bytes;
                limit = batch.Count == 1 && next.Bytes <= MaxInlineBytes ? MaxInlineBytes : limit;
            }

            Interlocked.Increment(ref _writing);
            _ = WriteAndQueueAsync(batch);
        }
    }

    private async Task WriteAndQueueAsync(List<PendingDelivery> batch)
    {
        var unqueued = batch.Count;
        try
        {
            var bundle = new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(_time.GetUtcNow()), [.. batch.Select(p => p.Delivery)]);
            // Serialised for the message only when the estimate says it may fit, so a big bundle is not serialised twice.
            string? inline = null;
            var fitsAMessage = batch.Sum(p => p.Bytes) <= MaxInlineBytes && DeliveryBundleMessage.TryInline(bundle, out inline);
            if (fitsAMessage && (await TrySendInlineAsync(inline!, batch) || batch.TrueForAll(p => p.Done.Task.IsCompleted)))
            {
                // Sent; or not, but every caller needed the queue and was refused, so no blob is wanted.
                return;
            }

            // After a failed inline send, what is left of the webhook's time; otherwise the edge clients' own limits.
            using var patience = new CancellationTokenSource(fitsAMessage ? FallbackWritePatience : Timeout.InfiniteTimeSpan, _time);
            try
            {
                await _bundles.WriteAsync(bundle, patience.Token);
            }
            catch (Exception e)
            {
                // Nothing of it is stored: every caller is refused (503) and its channel sends it again.
                LogWriteFailed(batch.Count, e);
                var refused = e is OperationCanceledException
                    ? new StoreUnavailableException("The bundle's blob was not written in time.", StoreUnavailableException.DefaultRetryAfter, e)
                    : e;
                batch.ForEach(p => p.Done.TrySetException(refused));
                return;
            }

            foreach (var pending in batch.Where(p => !p.UntilQueued))
            {
                pending.Done.TrySetResult();
            }

            var message = new DeliveryBundleMessage(bundle.BlobName);
            try
            {
                await _queues.EnqueueAsync(message);
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception e)
            {
                var waiting = batch.Count(p => p.UntilQueued);
                LogSendFailed(bundle.BlobName, batch.Count, waiting, e);
                batch.ForEach(p => p.Done.TrySetException(e));

                // Still counted as unqueued while retried, so the backlog keeps bounding memory.
                unqueued = 0;
                Track(RetrySendAsync(message, batch.Count));
            }
        }
        finally
        {
            Interlocked.Add(ref _unqueued, -unqueued);
            Interlocked.Decrement(ref _writing);
            _writeSlots.Release();
        }
    }

    /// <summary>
    /// Sends a bundle inside its queue message: once sent it is stored and queued, so every caller completes (true). If
    /// the send fails or outlasts <see cref="InlinePatience"/>, the bundle is to be written as a blob (false): callers
    /// who wait for the queue are refused now, since the queue just failed them, and the rest wait for the blob. A send
    /// the queue took although its answer was lost or cut short (or that the client's own retry repeated) is a second
    /// copy of the bundle, which processing de-duplicates as it spreads the deliveries into their own blobs.
    /// </summary>
    private async Task<bool> TrySendInlineAsync(string message, List<PendingDelivery> batch)
    {
        using var patience = new CancellationTokenSource(InlinePatience, _time);
        try
        {
            await _queues.EnqueueBundleAsync(message, patience.Token);
            batch.ForEach(p => p.Done.TrySetResult());
            return true;
        }
        catch (Exception e)
        {
            LogInlineSendFellBack(batch.Count, InlinePatience.TotalMilliseconds, e);
            var refused = e as StoreUnavailableException
                ?? new StoreUnavailableException("The delivery queue did not take the bundle in time.", StoreUnavailableException.DefaultRetryAfter, e);
            foreach (var waiting in batch.Where(p => p.UntilQueued))
            {
                waiting.Done.TrySetException(refused);
            }

            return false;
        }
    }

    private async Task RetrySendAsync(DeliveryBundleMessage message, int deliveries)
    {
        try
        {
            await SendRetry.ExecuteAsync(async token => await _queues.EnqueueAsync(message, token), _stopping.Token);
            LogSentAgain(message.BundleBlobName, deliveries);
        }
        catch (Exception e)
        {
            LogLeftToSweep(message.BundleBlobName, deliveries, e);
        }
        finally
        {
            Interlocked.Add(ref _unqueued, -deliveries);
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

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning, Message = "Writing a bundle of {Count} deliveries failed; each is refused with 503 so its channel sends it again")]
    private partial void LogWriteFailed(int count, Exception exception);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Warning, Message = "Queueing a bundle of {Count} deliveries inside its message failed or took over {PatienceMs} ms; those waiting for the queue are refused with 503, the others wait for a bundle blob")]
    private partial void LogInlineSendFellBack(int count, double patienceMs, Exception exception);

    [LoggerMessage(EventId = 4300, Level = LogLevel.Warning, Message = "Queueing bundle {Bundle} of {Count} stored deliveries failed: {Waiting} waiting for the queue are refused; it is sent again with back-off")]
    private partial void LogSendFailed(string bundle, int count, int waiting, Exception exception);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Bundle {Bundle} of {Count} stored deliveries, whose queue message had failed, was sent again")]
    private partial void LogSentAgain(string bundle, int count);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Bundle {Bundle} of {Count} stored deliveries could not be queued after retries; the recovery sweep will find it")]
    private partial void LogLeftToSweep(string bundle, int count, Exception exception);

    /// <summary>A delivery taken for the next bundle; <paramref name="UntilQueued"/> when its caller waits for the queue send too.</summary>
    private sealed record PendingDelivery(RawDelivery Delivery, int Bytes, bool UntilQueued, TaskCompletionSource Done);
}
