using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Standalone.Queues;

namespace ServerlessOps.Functions.Queues;

/// <summary>
/// Queue trigger on <c>webhook-deliveries-poison</c> (where the queue trigger moves a message after <c>maxDequeueCount</c> attempts): a delivery that failed every attempt (a long outage,
/// or a bug) is quarantined with that reason instead of sitting unseen in a poison queue. Replaying it
/// from quarantine puts it back through the processor.
/// </summary>
public sealed class ProcessPoisonDelivery : IQueueFunction
{
    private readonly RawDeliveryStore _raw;
    private readonly RawDeliveryBundles _bundles;
    private readonly DeliveryBatchProcessor _spreader;
    private readonly DeliveryRecorder _recorder;
    private readonly int _maxDequeueCount;

    public ProcessPoisonDelivery(
        RawDeliveryStore raw,
        RawDeliveryBundles bundles,
        DeliveryBatchProcessor spreader,
        DeliveryRecorder recorder,
        IOptions<IngestionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _raw = raw;
        _bundles = bundles;
        _spreader = spreader;
        _recorder = recorder;
        _maxDequeueCount = options.Value.MaxDequeueCount;
        QueueName = options.Value.PoisonQueueName;
    }

    public string Name => nameof(ProcessPoisonDelivery);

    public string QueueName { get; }

    [Function(nameof(ProcessPoisonDelivery))]
    public Task RunAsync([QueueTrigger("%Ingestion:QueueName%-poison", Connection = "Storage")] string message, long dequeueCount, CancellationToken cancellationToken) =>
        HandleAsync(message, dequeueCount, cancellationToken);

    public async Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken)
    {
        if (DeliveryBundleMessage.TryParse(message, out var bundle))
        {
            await QuarantineBundleAsync(bundle!, cancellationToken);
            return;
        }

        // Batches are split when a delivery in them fails, so a poisoned batch is rare (the split itself kept
        // failing); each delivery in it that never finished is quarantined on its own.
        foreach (var delivery in DeliveryMessageBatch.Parse(message).Deliveries)
        {
            await QuarantineIfUnfinishedAsync(delivery, cancellationToken);
        }
    }

    /// <summary>
    /// A bundle poisons when its one delivery kept failing or spreading it kept failing: it is spread (so each
    /// delivery has the blob that quarantine and replay work on), each unfinished one quarantined, then its blob deleted
    /// (an inline bundle, read from the poisoned message itself, has none).
    /// </summary>
    private async Task QuarantineBundleAsync(DeliveryBundleMessage message, CancellationToken cancellationToken)
    {
        var bundle = message.Inline ?? await _bundles.ReadAsync(message.BundleBlobName, cancellationToken);
        if (bundle is null)
        {
            return;
        }

        foreach (var delivery in await _spreader.SpreadAsync(bundle, cancellationToken))
        {
            await QuarantineIfUnfinishedAsync(delivery, cancellationToken);
        }

        if (message.Inline is null)
        {
            await _bundles.DeleteAsync(bundle.BlobName, cancellationToken);
        }
    }

    /// <summary>
    /// A delivery is unfinished while its blob is still received, and so is a replay whose blob is still quarantined: a
    /// replay starts from that state and leaves it only by finishing, so its quarantine entry would otherwise keep the
    /// reason of the failure before the replay, not the one the on-call engineer now has to fix.
    /// A repeat the channel sent is counted as an arrival here, whether or not its first copy finished meanwhile: the
    /// processor counts a repeat only in the attempt that completes. Counted once under its arrival
    /// (<see cref="DeliveryMessage.RepeatKey"/>), the key the processor counts it under too: this handler runs again when a
    /// later delivery of its message fails, and a message that poisoned only because its delete kept failing was counted
    /// by the processor already.
    /// </summary>
    private async Task QuarantineIfUnfinishedAsync(DeliveryMessage delivery, CancellationToken cancellationToken)
    {
        var raw = await _raw.GetAsync(delivery.BlobName, cancellationToken);
        if (raw is null)
        {
            return;
        }

        var unfinished = raw.State == RawDeliveryState.Received
            || (delivery.Kind == DeliveryMessageKind.Replay && raw.State == RawDeliveryState.Quarantined);
        if (unfinished)
        {
            await _recorder.QuarantineAsync(
                raw,
                $"Processing failed {_maxDequeueCount} times (see the logs for delivery {raw.DeliveryKey}); replay once the cause is fixed.",
                cancellationToken);
        }

        // Counted after the quarantine, as the processor counts after its work: if this throws first, the retry counts it;
        // if a later delivery of the message throws, the retry finds this arrival noted and counts nothing.
        if (delivery.Kind == DeliveryMessageKind.Duplicate)
        {
            await _recorder.RecordRepeatAsync(raw, delivery.RepeatKey, cancellationToken);
        }
    }
}
