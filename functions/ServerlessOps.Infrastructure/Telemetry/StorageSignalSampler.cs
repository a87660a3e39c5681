using System.Net;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Infrastructure.Push;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Telemetry;

/// <summary>
/// Samples the storage-side gauges: each poison queue's and each task hub queue's depth (one Get Queue Properties
/// call per queue: its approximate message count, which is what the platform's own queue metric lacks per queue and
/// per minute) and each brand's open quarantine entries (the quarantine store's own listing, one single-partition read
/// per brand: a COUNT query answered nothing on the local Cosmos server). A source that cannot
/// be read is logged and left out: its gauge goes stale and silent rather than reporting a guess.
/// </summary>
public sealed class StorageSignalSampler
{
    /// <summary>Samples are taken every 5 minutes (SampleOperatorSignals); three missed samples make a gauge stale.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(15);

    private readonly QueueServiceClient _queues;
    private readonly IQuarantineStore _quarantine;
    private readonly AlertBrandIds _brands;
    private readonly OperatorMetrics _metrics;
    private readonly IReadOnlyList<string> _poisonQueues;
    private readonly ILogger<StorageSignalSampler> _logger;

    public StorageSignalSampler(
        QueueServiceClient queues,
        IQuarantineStore quarantine,
        AlertBrandIds brands,
        OperatorMetrics metrics,
        IOptions<IngestionOptions> ingestion,
        IOptions<InventoryPushOptions> pushes,
        IOptions<AlertOptions> alerts,
        ILogger<StorageSignalSampler> logger)
    {
        ArgumentNullException.ThrowIfNull(ingestion);
        ArgumentNullException.ThrowIfNull(pushes);
        ArgumentNullException.ThrowIfNull(alerts);
        _queues = queues;
        _quarantine = quarantine;
        _brands = brands;
        _metrics = metrics;
        _logger = logger;

        // Where the queue triggers move a message after maxDequeueCount attempts ({queue}-poison). The delivery poison
        // queue is itself drained into quarantine, so its own poison queue is watched too: a message there failed even that.
        _poisonQueues =
        [
            ingestion.Value.PoisonQueueName,
            ingestion.Value.PoisonQueueName + "-poison",
            pushes.Value.QueueName + "-poison",
            alerts.Value.QueueName + "-poison",
        ];
    }

    /// <summary>The poison queues watched, in the order they are reported.</summary>
    public IReadOnlyList<string> PoisonQueues => _poisonQueues;

    /// <summary>Samples every storage-side gauge once.</summary>
    public async Task SampleAsync(TaskHubQueueNames taskHub, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskHub);
        if (await DepthsAsync(_poisonQueues, cancellationToken) is { } poison)
        {
            _metrics.Report(OperatorSignalNames.PoisonQueueDepth, poison, FreshFor);
        }

        if (await DepthsAsync(taskHub.Names, cancellationToken) is { } backlog)
        {
            _metrics.Report(OperatorSignalNames.TaskHubBacklog, backlog, FreshFor);
        }

        if (await QuarantineAsync(cancellationToken) is { } quarantine)
        {
            _metrics.Report(OperatorSignalNames.QuarantineOpen, quarantine, FreshFor);
        }
    }

    private async Task<List<GaugeReading>?> DepthsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var readings = new List<GaugeReading>(names.Count);
        foreach (var name in names)
        {
            try
            {
                var properties = await _queues.GetQueueClient(name).GetPropertiesAsync(cancellationToken);
                readings.Add(GaugeReading.Of(properties.Value.ApproximateMessagesCount, ("queue", name)));
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
            {
                // Created on first use (a poison queue by the first poisoned message): none yet is none waiting.
                readings.Add(GaugeReading.Of(0, ("queue", name)));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.SignalSampleFailed($"queue {name}", $"{e.GetType().Name}: {e.Message}");
                return null;
            }
        }

        return readings;
    }

    private async Task<List<GaugeReading>?> QuarantineAsync(CancellationToken cancellationToken)
    {
        var readings = new List<GaugeReading>();
        foreach (var brandId in _brands.Current())
        {
            try
            {
                var open = await _quarantine.ListAsync(brandId, QuarantineState.Open, cancellationToken);
                readings.Add(GaugeReading.Of(open.Count, ("brand", brandId)));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.SignalSampleFailed($"quarantine of brand {brandId}", $"{e.GetType().Name}: {e.Message}");
                return null;
            }
        }

        return readings;
    }
}
