using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Telemetry;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Every 5 minutes, samples the operator gauges that need a read: poison-queue depths, the task hub's queue
/// depths and open quarantine entries (<see cref="StorageSignalSampler"/>), and the orchestrations the engine failed
/// within <see cref="OperatorSignalsOptions.FailedOrchestrationsWindow"/>, from one Durable client query of at most
/// <see cref="OperatorSignalsOptions.MaxOrchestrationsCounted"/> instances. A timer rather than a hosted service
/// because the Functions host hands out the Durable client only to a function; it runs on one instance per tick, and
/// the gauges go silent when it stops (<see cref="OperatorMetrics"/>).
/// </summary>
public sealed partial class SampleOperatorSignals(
    StorageSignalSampler storage,
    TaskHubQueueNames taskHub,
    OperatorMetrics metrics,
    IOptionsMonitor<OperatorSignalsOptions> options,
    TimeProvider time,
    IServiceProvider services,
    ILogger<SampleOperatorSignals> logger) : ITimerFunction
{
    /// <summary>Minutes 1, 6, 11... (NCRONTAB with seconds, UTC): away from the sweeps on 0 and 5.</summary>
    public const string Cron = "30 1-59/5 * * * *";

    public string Name => nameof(SampleOperatorSignals);

    public string Schedule => Cron;

    [Function(nameof(SampleOperatorSignals))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        SampleAsync(client, cancellationToken);

    public Task RunAsync(CancellationToken cancellationToken) => SampleAsync(services.GetRequiredService<DurableTaskClient>(), cancellationToken);

    public async Task SampleAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        await storage.SampleAsync(taskHub, cancellationToken);
        try
        {
            metrics.Report(OperatorSignalNames.OrchestrationsFailed, await CountFailedAsync(client, cancellationToken), StorageSignalSampler.FreshFor);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            FailedQueryFailed($"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<IEnumerable<GaugeReading>> CountFailedAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var bounds = options.CurrentValue;
        var query = new OrchestrationQuery
        {
            CreatedFrom = time.GetUtcNow() - bounds.FailedOrchestrationsWindow,
            Statuses = [OrchestrationRuntimeStatus.Failed],
            PageSize = Math.Min(bounds.MaxOrchestrationsCounted, 100),
            FetchInputsAndOutputs = false,
        };
        var byName = new Dictionary<string, long>(StringComparer.Ordinal);
        var counted = 0;
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            byName[instance.Name] = byName.GetValueOrDefault(instance.Name) + 1;
            if (++counted >= bounds.MaxOrchestrationsCounted)
            {
                break;
            }
        }

        // Orchestrations with no failure are reported as 0, so an alert sees the count fall back after a purge or retry.
        foreach (var name in Workflows.WorkflowCatalog.Orchestrators.Select(t => t.Name))
        {
            byName.TryAdd(name, 0);
        }

        return byName.Select(p => GaugeReading.Of(p.Value, ("orchestration", p.Key)));
    }

    [LoggerMessage(EventId = 1950, Level = LogLevel.Warning, Message = "Failed-orchestration count not sampled; the gauge keeps its last value until it goes stale: {Reason}")]
    private partial void FailedQueryFailed(string reason);
}
