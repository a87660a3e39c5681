using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Standalone.Timers;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Daily at 03:30 UTC, deletes the history of orchestrations that finished (completed, failed or terminated) more
/// than <see cref="OrchestrationHistoryOptions.Retention"/> ago. Durable Functions keeps every instance's history in
/// the task hub's tables and blobs for ever unless purged; unpurged, the Instances table grows with every order and
/// queries over it slow down. What an order flow did stays in Cosmos DB (the order and its events); the engine's
/// own history is only needed while it runs and for a while after, to investigate.
/// </summary>
/// <remarks>
/// Before purging, records the end (<see cref="OrderFlowEnd"/>, a create-if-absent: one the flow wrote stays) of every
/// completed order flow it is about to purge: flows that ended before they recorded their own end would otherwise leave
/// no trace, and a later change of their order would start a second flow that reserves the shipped units again. Nothing
/// completed is purged in a run where a batch of those records failed; a later run records and purges them. Failed and
/// terminated order flows never reached their last step and get no record: those that moved stock or stand on their
/// exception path are kept (<see cref="MustKeep"/>), so the starter still finds them ended and the retry route still
/// restarts them from their last status; the rest are purged one by one.
/// </remarks>
public sealed partial class PurgeOrchestrationHistory : ITimerFunction
{
    /// <summary>Daily at 03:30 UTC, away from the hourly and five-minute timers (NCRONTAB with seconds).</summary>
    public const string Cron = "0 30 3 * * *";

    private readonly OrchestrationHistoryOptions _options;
    private readonly IOrderFlowEndStore _ends;
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly ILogger<PurgeOrchestrationHistory> _logger;

    public PurgeOrchestrationHistory(IOptions<OrchestrationHistoryOptions> options, IOrderFlowEndStore ends, TimeProvider time, IServiceProvider services, ILogger<PurgeOrchestrationHistory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _ends = ends;
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
        var purged = 0;
        if (await RecordOrderFlowEndsAsync(client, before, cancellationToken))
        {
            var result = await client.PurgeAllInstancesAsync(
                new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.MinValue, CreatedTo: before, Statuses: [OrchestrationRuntimeStatus.Completed]), cancellationToken);
            purged = result.PurgedInstanceCount;
        }

        purged += await PurgeFailedAndTerminatedAsync(client, before, cancellationToken);
        _logger.HistoryPurged(purged, before);
        return purged;
    }

    /// <summary>
    /// Records the end of every completed order flow created before <paramref name="before"/>, a page at a time.
    /// </summary>
    /// <returns>False when a page failed: then no completed instance may be purged in this run.</returns>
    /// <remarks>
    /// The purge that follows is by filter, so it can spare no single instance: a failed page holds back every completed
    /// one. A flow that completes between this query and the purge recorded its own end before completing. Each run
    /// writes only what aged past the retention since the last one (the rest is purged); for flows that recorded their own
    /// end, the conditional create meets it and writes nothing.
    /// </remarks>
    private async Task<bool> RecordOrderFlowEndsAsync(DurableTaskClient client, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = OrderFlowIds.Prefix,
            CreatedTo = before,
            Statuses = [OrchestrationRuntimeStatus.Completed],
            FetchInputsAndOutputs = true,
        };
        var recorded = 0;
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages().WithCancellation(cancellationToken))
        {
            List<OrderFlowEnd> ends;
            try
            {
                ends = page.Values.Select(EndOf).OfType<OrderFlowEnd>().ToList();
                await Task.WhenAll(ends.Select(end => _ends.RecordAsync(end, cancellationToken)));
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.FlowEndsNotRecorded(page.Values.Count, page.Values.Count > 0 ? page.Values[0].InstanceId : "", before, exception);
                return false;
            }

            recorded += ends.Count;
        }

        _logger.FlowEndsRecorded(recorded, before);
        return true;
    }

    /// <summary>
    /// The end of a completed order flow, from its input (brand, order) and output (outcome); null for a flow that found
    /// no order (<c>not-found</c>), which records no end itself either. A flow without output gives <c>completed</c>; an
    /// input or output that cannot be read fails the page.
    /// </summary>
    private static OrderFlowEnd? EndOf(OrchestrationMetadata instance)
    {
        var input = instance.ReadInputAs<OrderFlowInput>()
            ?? throw new InvalidOperationException($"Order flow {instance.InstanceId} has no input: its end cannot be recorded, so nothing completed is purged.");
        var outcome = instance.ReadOutputAs<OrderFlowResult>()?.Outcome ?? "completed";
        return outcome == "not-found"
            ? null
            : new OrderFlowEnd(input.BrandId, OrderId.For(input.Channel, input.ExternalOrderId), instance.InstanceId, outcome, instance.LastUpdatedAt);
    }
}
