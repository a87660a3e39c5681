using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Functions.OrderFlow;
using ServerlessOps.Infrastructure.Telemetry;
using ServerlessOps.Standalone.Timers;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Hourly, finds order flows stuck longer than <see cref="OrderFlowOptions.StuckAfter"/> and raises each as a
/// <see cref="AlertKind.FlowFailed"/> alert on the flow (de-duplicated: one alert per flow until resolved). Stuck is:
/// created but never started (Pending without a status of its own); running but not past validation and reservation (stage New), still on its
/// exception path, or with stock movements unconfirmed, with no update since; or failed by the engine outside its own
/// exception path; or terminated by a person while it held reserved stock (or sent movements unconfirmed), which then
/// stays reserved for an order nobody processes (the purge keeps such a flow; the retry route restarts it). A flow
/// waiting for shipment or for its return window is not stuck: its SLA timer watches it. Each
/// run also resolves the alerts it raised on flows no longer stuck (retried past their exception path, or completed).
/// </summary>
public sealed class FindStuckOrderFlows(IOptionsMonitor<OrderFlowOptions> options, IAlertRaiser alerts, TimeProvider time, IServiceProvider services, ILogger<FindStuckOrderFlows> logger)
    : ITimerFunction
{
    /// <summary>Minute 40 of every hour (NCRONTAB with seconds, UTC).</summary>
    public const string Cron = "0 40 * * * *";

    public string Name => nameof(FindStuckOrderFlows);

    public string Schedule => Cron;

    [Function(nameof(FindStuckOrderFlows))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        FindAsync(client, cancellationToken);

    public Task RunAsync(CancellationToken cancellationToken) => FindAsync(services.GetRequiredService<DurableTaskClient>(), cancellationToken);

    /// <returns>How many stuck flows were raised.</returns>
    public async Task<int> FindAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var threshold = options.CurrentValue.StuckAfter;
        var before = time.GetUtcNow() - threshold;
        // A failed flow is stuck however young (Why): asked for apart, without the age bound that spares the running
        // ones' quiet waits, or a flow that failed an hour after it started waited for its creation to age past the
        // threshold, up to StuckAfter late. A flow updated before the bound was created before it too.
        OrchestrationQuery[] queries =
        [
            new()
            {
                InstanceIdPrefix = OrderFlowIds.Prefix,
                CreatedTo = before,
                Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running],
                FetchInputsAndOutputs = true,
            },
            new()
            {
                InstanceIdPrefix = OrderFlowIds.Prefix,
                Statuses = [OrchestrationRuntimeStatus.Failed],
                FetchInputsAndOutputs = true,
            },
            new()
            {
                InstanceIdPrefix = OrderFlowIds.Prefix,
                CreatedTo = before,
                Statuses = [OrchestrationRuntimeStatus.Terminated],
                FetchInputsAndOutputs = true,
            },
        ];
        var raised = 0;
        var stuckByBrand = new Dictionary<string, long>(StringComparer.Ordinal);
        var stuck = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var instance in InstancesAsync(client, queries, cancellationToken))
        {
            if (Why(instance, before) is not { } why)
            {
                continue;
            }

            var brandId = instance.InstanceId[OrderFlowIds.Prefix.Length..].Split(':')[0];
            stuckByBrand[brandId] = stuckByBrand.GetValueOrDefault(brandId) + 1;
            stuck.Add(instance.InstanceId);
            logger.FlowStuck(instance.InstanceId, brandId, instance.LastUpdatedAt);
            await alerts.RaiseAsync(
                new AlertRaise(brandId, AlertKind.FlowFailed, AlertSubject.Flow(instance.InstanceId),
                    $"Order flow {instance.InstanceId} is stuck: {why}. Look at GET …/flow for its steps; POST …/flow/retry once the cause is fixed.")
                {
                    Evidence = new Dictionary<string, string>
                    {
                        ["runtimeStatus"] = instance.RuntimeStatus.ToString(),
                        ["lastUpdated"] = instance.LastUpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    },
                },
                cancellationToken);
            raised++;
        }

        var brands = (services.GetService<Infrastructure.Alerts.AlertBrandIds>()?.Current() ?? []).Concat(stuckByBrand.Keys).Distinct(StringComparer.Ordinal).ToList();
        await ResolveRecoveredAsync(client, brands, stuck, cancellationToken);

        // This run's verdict is the operators' gauge too (not detected twice); brands with none report 0 so it is seen to
        // fall. Fresh for two runs of this hourly timer.
        services.GetService<OperatorMetrics>()?.Report(
            OperatorSignalNames.OrderFlowsStuck,
            brands.Select(brand => GaugeReading.Of(stuckByBrand.GetValueOrDefault(brand), ("brand", brand))),
            TimeSpan.FromHours(2));
        return raised;
    }

    private static async IAsyncEnumerable<OrchestrationMetadata> InstancesAsync(
        DurableTaskClient client, OrchestrationQuery[] queries, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var query in queries)
        {
            await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            {
                yield return instance;
            }
        }
    }

    /// <summary>
    /// Resolves this timer's unresolved alerts on flows it did not find stuck now, whose state says they are not (or that
    /// are gone). Nothing else clears them: a flow's own exception path alerts on its order, and clears only that.
    /// </summary>
    private async Task ResolveRecoveredAsync(DurableTaskClient client, List<string> brands, HashSet<string> stuck, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IAlertStore>();
        foreach (var brandId in brands)
        {
            foreach (var state in (AlertState[])[AlertState.Open, AlertState.Acknowledged])
            {
                foreach (var alert in await store.ListAsync(brandId, state, AlertKind.FlowFailed, cancellationToken))
                {
                    var instanceId = alert.Subject.Id;
                    if (alert.Subject != AlertSubject.Flow(instanceId) || stuck.Contains(instanceId))
                    {
                        continue;
                    }

                    // Judged on its state alone (as if long idle): a flow updated lately but still on its exception path stays raised.
                    var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
                    if (instance is null || Why(instance, DateTimeOffset.MaxValue) is null)
                    {
                        await alerts.ClearAsync(brandId, AlertKind.FlowFailed, alert.Subject, "The order flow is no longer stuck.", cancellationToken);
                    }
                }
            }
        }
    }

    /// <summary>Why <paramref name="instance"/>, last updated before <paramref name="before"/> or failed, is stuck; null when it is not.</summary>
    internal static string? Why(OrchestrationMetadata instance, DateTimeOffset before)
    {
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed)
        {
            return $"the engine failed it ({instance.FailureDetails?.ErrorMessage ?? "no details"})";
        }

        if (instance.LastUpdatedAt > before)
        {
            return null;
        }

        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Terminated)
        {
            return WhyTerminated(instance);
        }

        // A flow publishes its status from its first episode on, so Pending with a status means it ran: the Azure Storage
        // engine leaves the row at Pending when the first episode's instance-row write fails after its history committed
        // (issue 18, drill 3; azure-functions-durable-extension#1252). Such a flow is judged by its status, as a running one.
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending && !HasStatus(instance))
        {
            return "created but never started";
        }

        if (!HasStatus(instance) || JsonSerializer.Deserialize<OrderFlowStatus>(instance.SerializedCustomStatus!) is not { } status)
        {
            return "running without a status";
        }

        return status switch
        {
            { Stage: FlowStage.Exception } => $"on its exception path since then ({status.ExceptionStep}: {status.ExceptionCause})",
            { Stage: FlowStage.New } => "not past validation and reservation",
            { PendingMovements: > 0 } => $"{status.PendingMovements} stock movement(s) unconfirmed",
            _ => null,
        };
    }

    /// <summary>
    /// A person terminated the flow (terminated StuckAfter ago: time enough to have retried it) while its last status held
    /// reserved units or movements sent unconfirmed: no flow will ship, commit or release them, so they stay out of every
    /// channel's available-to-sell. One that moved nothing, or gave back all it held, is not stuck: it has nothing to hold.
    /// </summary>
    private static string? WhyTerminated(OrchestrationMetadata instance)
    {
        if (!HasStatus(instance) || JsonSerializer.Deserialize<OrderFlowStatus>(instance.SerializedCustomStatus!) is not { } status)
        {
            return null;
        }

        var held = status.Lines.Values.Sum(line => line.Held);
        var unconfirmed = status.PendingMovements > 0 ? $" and {status.PendingMovements} stock movement(s) unconfirmed" : "";
        return held > 0 || status.PendingMovements > 0
            ? $"terminated while holding {held} reserved unit(s){unconfirmed}: no flow will ship or release them"
            : null;
    }

    /// <summary>The engine stores a status never set as "null" (its Instances table) or nothing.</summary>
    private static bool HasStatus(OrchestrationMetadata instance) =>
        instance.SerializedCustomStatus is { Length: > 0 } status && status != "null";
}
