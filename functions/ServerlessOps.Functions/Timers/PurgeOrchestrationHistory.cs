using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Daily at 03:30 UTC, deletes the history of orchestrations that finished (completed, failed or terminated) more
/// than <see cref="OrchestrationHistoryOptions.Retention"/> ago. Durable Functions keeps every instance's history in
/// the task hub's tables and blobs for ever unless purged; unpurged, the Instances table grows with every order and
/// queries over it slow down. What an order flow did stays in Cosmos DB (the order and its events); the engine's
/// own history is only needed while it runs and for a while after, to investigate.
/// </summary>
public sealed class PurgeOrchestrationHistory : ITimerFunction
{
    /// <summary>Daily at 03:30 UTC, away from the hourly and five-minute timers (NCRONTAB with seconds).</summary>
    public const string Cron = "0 30 3 * * *";

    private readonly OrchestrationHistoryOptions _options;
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly ILogger<PurgeOrchestrationHistory> _logger;

    public PurgeOrchestrationHistory(IOptions<OrchestrationHistoryOptions> options, TimeProvider time, IServiceProvider services, ILogger<PurgeOrchestrationHistory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _services = services;
        _logger = logger;
    }

    public string Name => nameof(PurgeOrchestrationHistory);

    public string Schedule => Cron;

    /// <summary>The Functions host's entry: the durable client comes from the extension's binding.</summary>
    [Function(nameof(PurgeOrchestrationHistory))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        PurgeAsync(client, cancellationToken);

    /// <summary>The standalone host's entry: there the durable client is a service of the host's own engine.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        PurgeAsync(_services.GetRequiredService<DurableTaskClient>(), cancellationToken);

    /// <returns>How many instances were purged.</returns>
    public async Task<int> PurgeAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var before = _time.GetUtcNow() - _options.Retention;
        var result = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(
                CreatedFrom: DateTimeOffset.MinValue,
                CreatedTo: before,
                Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]),
            cancellationToken);
        _logger.HistoryPurged(result.PurgedInstanceCount, before);
        return result.PurgedInstanceCount;
    }
}
