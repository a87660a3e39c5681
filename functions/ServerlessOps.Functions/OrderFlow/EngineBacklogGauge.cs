using System.Net;
using Azure;
using Azure.Storage.Queues;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Infrastructure.Telemetry;

namespace ServerlessOps.Functions.OrderFlow;

/// <summary>
/// The Durable engine's backlog as <see cref="OrderFlowAdmission"/> reads it, once per sample: the work-item queue's
/// approximate message count (activities scheduled and not yet finished) plus the <b>visible</b> messages of each control
/// queue, counted by a peek of at most <see cref="PeekLimit"/> (orchestration work that is due: starts, activity results,
/// events). Not the control queues' approximate counts: those include every invisible timer message, one per flow
/// waiting for its shipment under its SLA timer (measured 2026-12-05: 340 after 340 flows, with nothing to do), so they
/// grow with the flows at rest, not with the work due. One request per queue: with 2 partitions, 3 per sample.
/// <paramref name="queues"/> must not decode message bodies (<c>QueueMessageEncoding.None</c>, as <see cref="For"/> makes
/// it): the engine writes UTF-8 JSON, and a Base64 client throws on the first visible control message a peek returns.
/// </summary>
public sealed class EngineBacklogGauge(QueueServiceClient queues, TaskHubQueueNames taskHub)
{
    /// <summary>
    /// The gauge over <paramref name="taskHub"/>'s queues in <paramref name="storage"/>'s account, with a client that
    /// leaves message bodies undecoded, as the engine's UTF-8 JSON needs.
    /// </summary>
    public static EngineBacklogGauge For(StorageOptions storage, TaskHubQueueNames taskHub) =>
        new(StorageClients.CreateQueueService(storage, StorageProfile.Background, QueueMessageEncoding.None), taskHub);

    /// <summary>The most messages a peek returns (the queue service's limit); a control queue past it reads as this many.</summary>
    public const int PeekLimit = 32;

    /// <summary>Reads the backlog now.</summary>
    public async Task<EngineBacklog> ReadAsync(CancellationToken cancellationToken)
    {
        var workItems = 0;
        var control = 0;
        foreach (var name in taskHub.Names)
        {
            var queue = queues.GetQueueClient(name);
            try
            {
                if (name.EndsWith("-workitems", StringComparison.Ordinal))
                {
                    workItems += (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
                }
                else
                {
                    control += (await queue.PeekMessagesAsync(PeekLimit, cancellationToken)).Value.Length;
                }
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
            {
                // The engine creates its queues when it first starts: none yet is nothing waiting.
            }
        }

        return new EngineBacklog(workItems, control);
    }
}

/// <summary>One reading of <see cref="EngineBacklogGauge"/>: activities waiting or running, and orchestration messages due.</summary>
public sealed record EngineBacklog(int WorkItems, int VisibleControlMessages)
{
    public int Total => WorkItems + VisibleControlMessages;
}
