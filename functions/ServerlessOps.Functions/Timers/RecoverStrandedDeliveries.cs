using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Every five minutes, re-queues deliveries that were stored and acknowledged but never processed (the
/// process died between the write and the queue send, or the send failed past its retries): bundle blobs the edge
/// wrote that are still there, and deliveries in their own blobs still marked received. A bundle that travelled inside
/// its queue message has nothing to sweep: it was acknowledged only once that message was sent. Channels that do not retry would otherwise
/// lose them; processing is idempotent, so a re-queue of one that is merely slow does no harm.
/// </summary>
public sealed class RecoverStrandedDeliveries : ITimerFunction
{
    /// <summary>Every five minutes, on the minute (NCRONTAB with seconds, UTC).</summary>
    public const string Cron = "0 */5 * * * *";

    /// <summary>Bound per run, so one sweep cannot flood the queue after a long outage.</summary>
    private const int MaxPerRun = 1000;

    private readonly RawDeliveryStore _raw;
    private readonly RawDeliveryBundles _bundles;
    private readonly DeliveryQueues _queue;
    private readonly IngestionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RecoverStrandedDeliveries> _logger;

    public RecoverStrandedDeliveries(
        RawDeliveryStore raw,
        RawDeliveryBundles bundles,
        DeliveryQueues queue,
        IOptions<IngestionOptions> options,
        TimeProvider time,
        ILogger<RecoverStrandedDeliveries> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _raw = raw;
        _bundles = bundles;
        _queue = queue;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public string Name => nameof(RecoverStrandedDeliveries);

    public string Schedule => Cron;

    [Function(nameof(RecoverStrandedDeliveries))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = _time.GetUtcNow() - _options.StrandedAfter;
        await foreach (var bundle in _bundles.ListWrittenBeforeAsync(cutoff, MaxPerRun, cancellationToken))
        {
            await _queue.EnqueueAsync(new DeliveryBundleMessage(bundle), cancellationToken);
            _logger.StrandedBundleRequeued(bundle);
        }

        await foreach (var stranded in _raw.ListStrandedAsync(cutoff, MaxPerRun, cancellationToken))
        {
            await _queue.EnqueueAsync(new DeliveryMessage(stranded.BlobName, stranded.BrandId, stranded.DeliveryKey, DeliveryMessageKind.Recovery), cancellationToken: cancellationToken);
            _logger.StrandedRequeued(stranded.BlobName, stranded.ReceivedAt);
        }
    }
}
