using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.OrderFlow;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.OrderFlow;

/// <summary>
/// <see cref="IOrderFlowStarter"/> over the Durable client: schedules <see cref="OrderFlowOrchestrator"/> under the
/// order's deterministic id (<see cref="OrderFlowIds.For"/>) when no instance has it, and otherwise raises
/// <see cref="OrderFlowIds.OrderChangedEvent"/> on it. A concurrent start of the same order meets the running instance
/// ("already exists") and wakes it instead, so starting twice never makes two flows. A finished flow (past its return
/// window, cancelled, or failed and awaiting the retry route) is left as it is: a change after the end never starts a
/// second flow, so never a second reservation. That holds after the engine's history of it is purged too: no instance
/// is read as "never started" only when the order has no <see cref="OrderFlowEnd"/> (one more point read, made only
/// when no instance is found) and was placed within the longest flow life (<see cref="PurgedOrderFlows"/>, the alert
/// sweep's test: an older order's flow ended and was purged before flows recorded their end; one more order read and one
/// more instance read, for such old orders only; the order read only when the caller did not hand over the stored order, as
/// ingestion does), or first stored within it (<see cref="StoredOrder.FirstStoredAt"/>: an old
/// order that reached the truth only lately and whose first start was lost starts on its next change). A new order (<see cref="OrderCreatedAsync"/>) is started without those reads.
/// Every start first waits for <see cref="OrderFlowAdmission"/> (wakes of running flows never do), so a backlogged engine
/// holds new flows back in the deliveries that bring them.
/// </summary>
public sealed class DurableOrderFlowStarter(
    IServiceProvider services,
    OrderFlowAdmission admission,
    IOrderFlowEndStore ends,
    IOrderStore orders,
    PurgedOrderFlows purged,
    IOptionsMonitor<OrderFlowOptions> options,
    TimeProvider time,
    ILogger<DurableOrderFlowStarter> logger)
    : IOrderFlowStarter
{
    public Task OrderChangedAsync(Order order, CancellationToken cancellationToken = default) =>
        NotifyAsync(order, stored: null, createdHere: false, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The ingestion path (the converger has just read or written the order): an old order's first store comes
    /// from <paramref name="stored"/>, so its change costs no order read here.</remarks>
    public Task OrderChangedAsync(StoredOrder stored, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return NotifyAsync(stored.Order, stored, createdHere: false, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Starts without reading the instance first: the engine's start reads it anyway (a pending or running instance of the
    /// id refuses the start, and the call then wakes it as <see cref="OrderChangedAsync(Order, CancellationToken)"/> does), so the read before it
    /// would be the same table row twice for every new order.
    /// </remarks>
    public Task OrderCreatedAsync(Order order, CancellationToken cancellationToken = default) =>
        NotifyAsync(order, stored: null, createdHere: true, cancellationToken);

    /// <param name="stored">The order as stored, when the caller holds it; otherwise an old order is read for its first store.</param>
    private async Task NotifyAsync(Order order, StoredOrder? stored, bool createdHere, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.IsHistory)
        {
            return;
        }

        var client = DurableClientScope.Current ?? services.GetService<DurableTaskClient>()
            ?? throw new InvalidOperationException(
                $"Order {order.Id} of brand {order.BrandId} changed, but no Durable client is bound to this function: its wrapper must declare [DurableClient] and run inside DurableClientScope.");
        var instanceId = OrderFlowIds.For(order.BrandId, order.Channel, order.ExternalOrderId);
        var existing = createdHere ? null : await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing is null && !createdHere)
        {
            if (await ends.GetAsync(order.BrandId, order.Id, cancellationToken) is { } end)
            {
                // The flow ended and its history was purged since (PurgeOrchestrationHistory): a change after the end starts nothing.
                logger.FlowEndedAndPurged(instanceId, order.BrandId, order.Id, end.Outcome, end.EndedAt);
                return;
            }

            // An old order's first store, from the caller's copy or else read, for such orders only: one stored lately (its
            // first start lost) still starts.
            var now = time.GetUtcNow();
            var firstStoredAt = order.PlacedAt < purged.PlacedBefore(now)
                ? (stored ?? (await orders.GetAsync(order.BrandId, order.Id, order.PlacedAt, cancellationToken))?.Value)?.FirstStoredAt
                : null;
            if (await purged.WhyGoneAsync(order, firstStoredAt, now, cancellationToken) is not null)
            {
                // Ended and purged before flows recorded their end: a fresh flow would reserve units shipped long ago again.
                logger.FlowGoneBeforeEndRecords(instanceId, order.BrandId, order.Id, order.PlacedAt);
                return;
            }
        }

        if (existing is null)
        {
            try
            {
                await admission.WaitForTurnAsync(cancellationToken);
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(OrderFlowOrchestrator), Input(order), new StartOrchestrationOptions(instanceId), cancellationToken);
                logger.FlowStarted(instanceId, order.BrandId, order.Id);
                return;
            }
            catch (Exception e) when (IsAlreadyExists(e))
            {
                // Another delivery of the order started it between our read (or our caller's create) and our start: wake that one instead.
            }

            existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        }

        if (existing is { IsRunning: true } || existing?.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
        {
            try
            {
                await client.RaiseEventAsync(instanceId, OrderFlowIds.OrderChangedEvent, order.Version.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            }
            catch (InvalidOperationException)
            {
                // It finished between the read and the raise: a change after the end starts nothing.
            }

            return;
        }

        logger.FlowNotWoken(instanceId, order.BrandId, order.Id, existing is null ? "unknown" : existing.RuntimeStatus.ToString());
    }

    /// <summary>
    /// The start met a pending or running instance of the id: the standalone client throws the engine's
    /// <see cref="OrchestrationAlreadyExistsException"/>; the extension's gRPC client an RpcException with status AlreadyExists.
    /// </summary>
    private static bool IsAlreadyExists(Exception e) =>
        e is OrchestrationAlreadyExistsException
        || (e.GetType().Name == "RpcException" && e.Message.Contains("AlreadyExists", StringComparison.Ordinal));

    /// <summary>The flow's input for <paramref name="order"/>, with the current settings.</summary>
    public OrderFlowInput Input(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var settings = options.CurrentValue;
        return new OrderFlowInput(order.BrandId, order.Channel, order.ExternalOrderId)
        {
            EscalateAfter = settings.EscalateAfter,
            WakesPerExecution = settings.WakesPerExecution,
            PlacedAt = order.PlacedAt,
        };
    }
}
