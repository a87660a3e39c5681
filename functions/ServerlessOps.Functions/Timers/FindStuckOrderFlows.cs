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
/// exception path. A flow waiting for shipment or for its return window is not stuck: its SLA timer watches it.
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
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = OrderFlowIds.Prefix,
            CreatedTo = before,
            Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Failed],
            FetchInputsAndOutputs = true,
        };
        var raised = 0;
        var stuckByBrand = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (Why(instance, before) is not { } why)
            {
                continue;
            }

            var brandId = instance.InstanceId[OrderFlowIds.Prefix.Length..].Split(':')[0];
            stuckByBrand[brandId] = stuckByBrand.GetValueOrDefault(brandId) + 1;
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

        // This run's verdict is the operators' gauge too (not detected twice); brands with none report 0 so it is seen to
        // fall. Fresh for two runs of this hourly timer.
        services.GetService<OperatorMetrics>()?.Report(
            OperatorSignalNames.OrderFlowsStuck,
            (services.GetService<Infrastructure.Alerts.AlertBrandIds>()?.Current() ?? []).Concat(stuckByBrand.Keys).Distinct(StringComparer.Ordinal)
                .Select(brand => GaugeReading.Of(stuckByBrand.GetValueOrDefault(brand), ("brand", brand))),
            TimeSpan.FromHours(2));
        return raised;
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

    /// <summary>The engine stores a status never set as "null" (its Instances table) or nothing.</summary>
    private static bool HasStatus(OrchestrationMetadata instance) =>
        instance.SerializedCustomStatus is { Length: > 0 } status && status != "null";
}
