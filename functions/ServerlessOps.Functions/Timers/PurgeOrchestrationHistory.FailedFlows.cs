using System.Text.Json;
using Microsoft.DurableTask.Client;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Timers;

/// <summary>The purge of failed and terminated instances, one by one, sparing the order flows a person must still look at.</summary>
public sealed partial class PurgeOrchestrationHistory
{
    /// <summary>
    /// Purges every failed or terminated instance created before <paramref name="before"/>, except order flows that
    /// <see cref="MustKeep"/>. A purge by filter could spare none of them; these instances are few (a failure needs a person).
    /// </summary>
    /// <returns>How many were purged.</returns>
    private async Task<int> PurgeFailedAndTerminatedAsync(DurableTaskClient client, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            CreatedTo = before,
            Statuses = [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            FetchInputsAndOutputs = true,
        };
        var purged = 0;
        var kept = 0;
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.InstanceId.StartsWith(OrderFlowIds.Prefix, StringComparison.Ordinal) && MustKeep(instance))
            {
                kept++;
                continue;
            }

            try
            {
                purged += (await client.PurgeInstanceAsync(instance.InstanceId, cancellation: cancellationToken)).PurgedInstanceCount;
            }
            catch (InvalidOperationException)
            {
                // Restarted (the retry route) since the query: running again, it is no longer this purge's to delete.
            }
        }

        if (kept > 0)
        {
            _logger.FailedFlowsKept(kept, before);
        }

        return purged;
    }

    /// <summary>
    /// Whether a failed or terminated order flow must keep its history: its last status shows stock moved (or sent
    /// unconfirmed) or an open exception. Without the instance, the starter would read the order as never started and a
    /// fresh flow would plan every movement again from zero under other causes (a second reservation of the units the
    /// first still holds, a second commit of shipped ones), and the on-call engineer would lose the flow the stuck finder
    /// raised and the retry route restarts. A flow that moved nothing (no status, or lines all zero) has nothing to repeat:
    /// a later change may start it afresh. A status that cannot be read is kept, to be safe.
    /// </summary>
    internal static bool MustKeep(OrchestrationMetadata instance)
    {
        if (instance.SerializedCustomStatus is not { Length: > 0 } json || json == "null")
        {
            return false;
        }

        OrderFlowStatus? status;
        try
        {
            status = JsonSerializer.Deserialize<OrderFlowStatus>(json);
        }
        catch (JsonException)
        {
            return true;
        }

        return status is null
            || status.Stage == FlowStage.Exception
            || status.PendingMovements > 0
            || status.Lines.Values.Any(l => l != new LineLedger());
    }
}
