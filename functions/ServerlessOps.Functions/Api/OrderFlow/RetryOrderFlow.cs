using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Functions.OrderFlow;
using ServerlessOps.Infrastructure.OrderFlow;
using ServerlessOps.Workflows.OrderFlow;
using ServerlessOps.Functions.Audit;

namespace ServerlessOps.Functions.Api.OrderFlow;

/// <summary>
/// POST /api/brands/{brandId}/orders/{channel}/{orderId}/flow/retry, once the cause is fixed (SKU mapped, stock
/// received, price confirmed): a running flow on its exception path or pricing hold gets <see cref="OrderFlowIds.RetryEvent"/>
/// and runs its steps again; a flow the engine failed or someone terminated starts again under the same id, from the
/// state its last status recorded (<see cref="Resume"/>), so it never moves again what it moved. 202 with the instance id; 409 for a
/// flow that ended normally, also once its history was purged (<see cref="OrderFlowEnd"/>, or, for flows purged before
/// that record existed, no instance and an order older than a flow lives: <see cref="PurgedOrderFlows"/>), and for a second retry of
/// one failed or terminated run (<see cref="IOrderFlowRestartClaims"/>); 404 when neither a flow nor the order exists.
/// </summary>
public sealed class RetryOrderFlow(
    IOrderStore orders,
    IOrderFlowEndStore ends,
    PurgedOrderFlows purged,
    IOrderFlowRestartClaims restarts,
    DurableOrderFlowStarter starter,
    TimeProvider time,
    ILogger<RetryOrderFlow> logger) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/orders/{channel}/{orderId}/flow/retry";

    public static HttpRoute Route { get; } = HttpRoute.Post<RetryOrderFlow>(
        Template, RouteAccess.Operations,
        "Retries an order's flow after its exception's cause is fixed (or releases a pricing hold); restarts a failed or terminated flow from what it moved", "Order flows") with
    {
        Response = typeof(OrderFlowRetryView),
        SuccessStatus = StatusCodes.Status202Accepted,
        UsesDurableClient = true,
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict],
    };

    [Function(nameof(RetryOrderFlow))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Route.DispatchAsync(request.HttpContext, this, client);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!OrderFlowParameters.TryRead(http, out var order, out var problem))
        {
            return problem!;
        }

        var caller = http.Caller?.Name ?? "unknown";
        var instance = await http.Durable.GetInstanceAsync(order.InstanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            var stored = await orders.GetAsync(order.BrandId, OrderId.For(order.Channel, order.ExternalOrderId), cancellationToken);
            if (stored is null)
            {
                return Problems.Result(Problems.NotFound, $"Brand '{order.BrandId}' has no order {order.ExternalOrderId} on {order.Channel} and no flow '{order.InstanceId}'.");
            }

            if (stored.Value.Order.IsHistory)
            {
                return Problems.Result(Problems.Conflict, $"Order {stored.Value.Order.Id} was placed before the brand's go-live: it never runs a flow.");
            }

            if (instance is null && await ends.GetAsync(order.BrandId, stored.Value.Order.Id, cancellationToken) is { } end)
            {
                return Problems.Result(Problems.Conflict,
                    $"Flow '{order.InstanceId}' ended ({end.Outcome}) on {end.EndedAt:O} and its history was purged: there is nothing to retry, and a new flow would reserve the order's units again.");
            }

            // Ended and purged before flows recorded their end (the starter's test too): the operator cannot see the order is
            // that old, and a fresh flow would reserve units shipped months ago again. The route has no force: stock moves by hand.
            if (instance is null && await purged.WhyGoneAsync(stored.Value.Order, stored.Value.FirstStoredAt, time.GetUtcNow(), cancellationToken) is { } why)
            {
                return Problems.Result(Problems.Conflict,
                    $"Flow '{order.InstanceId}' is not started: {why} There is nothing to retry, and a new flow would reserve the order's units again; this route cannot force one. To move the order's stock, use POST /api/brands/{order.BrandId}/inventory/{{sku}}/adjustments.");
            }

            // Two retries sent at once both find the run ended, and the engine takes a start from each: one restarts it.
            if (instance is not null && !await restarts.TryClaimAsync(order.BrandId, stored.Value.Order.Id, instance.LastUpdatedAt, caller, cancellationToken))
            {
                return Problems.Result(Problems.Conflict,
                    $"Flow '{order.InstanceId}' ({instance.RuntimeStatus} at {instance.LastUpdatedAt:O}) is already being restarted by another retry.");
            }

            var input = starter.Input(stored.Value.Order) with { State = instance is null ? null : Resume(instance.SerializedCustomStatus) };
            await http.Durable.ScheduleNewOrchestrationInstanceAsync(nameof(OrderFlowOrchestrator), input, new StartOrchestrationOptions(order.InstanceId), cancellationToken);
            var how = instance is null ? "started" : $"restarted after {instance.RuntimeStatus}";
            logger.FlowRetried(order.InstanceId, order.BrandId, caller, how);
            http.Audit = new AuditNote($"flow {how}", $"orchestration:{order.InstanceId}");
            return TypedResults.Accepted((string?)null, new OrderFlowRetryView(order.InstanceId, how));
        }

        if (!instance.IsRunning && instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
        {
            return Problems.Result(Problems.Conflict, $"Flow '{order.InstanceId}' ended ({instance.RuntimeStatus}): there is nothing to retry.");
        }

        await http.Durable.RaiseEventAsync(order.InstanceId, OrderFlowIds.RetryEvent, caller, cancellationToken);
        logger.FlowRetried(order.InstanceId, order.BrandId, caller, "retry event raised");
        http.Audit = new AuditNote("retry event raised", $"orchestration:{order.InstanceId}");
        return TypedResults.Accepted((string?)null, new OrderFlowRetryView(order.InstanceId, "retry event raised"));
    }

    /// <summary>
    /// What the failed flow had moved, from its last status, so the new one continues from there (stage New: it validates
    /// again). Movements it had sent unconfirmed are applied again under their own causes first (the flow writes them to
    /// its status before sending them), so one the ledger took is counted, not planned again under another cause. The
    /// attempt is the next one: a reservation the ledger refused keeps its cause refused, so the same cause would be
    /// refused again however much stock arrived. The open exception and SLA alerts are carried over, so getting past
    /// them resolves them. So is the price check: an order held for its price stays held (its stage comes back to Held
    /// once validated and reserved), one the pricing owner released stays released, and neither is priced again.
    /// Statuses written before the price flags were kept tell them by their stage and steps.
    /// </summary>
    private static OrderFlowState? Resume(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus) || JsonSerializer.Deserialize<OrderFlowStatus>(customStatus) is not { } status)
        {
            return null;
        }

        var state = new OrderFlowState
        {
            Lines = new Dictionary<string, LineLedger>(status.Lines, StringComparer.Ordinal),
            Pending = [.. status.Pending],
            Attempt = status.Attempt + 1,
            ExceptionStep = status.ExceptionStep,
            ExceptionCause = status.ExceptionCause,
            SlaAlerted = status.SlaAlerted,
            SlaEscalated = status.SlaEscalated,
            Acknowledged = status.Acknowledged,
            DeliveredSeenAt = status.DeliveredSeenAt,
            Execution = status.Execution + 1,
            PriceChecked = status.PriceChecked || status.Stage == FlowStage.Held || status.Steps.Any(s => s.Step is "priced" or "price-breach"),
            PriceHeld = status.PriceHeld || status.Stage == FlowStage.Held,
            PriceAlerted = status.PriceAlerted,
        };
        state.Steps.AddRange(status.Steps);
        return state;
    }
}

/// <summary>What the retry route did.</summary>
public sealed record OrderFlowRetryView(string InstanceId, string Action);
