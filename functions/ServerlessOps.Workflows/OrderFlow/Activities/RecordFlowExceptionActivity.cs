using Microsoft.DurableTask;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Workflows.OrderFlow.Activities;

/// <summary>An order's exception to record (and alert), or to resolve (<see cref="Resolve"/>).</summary>
public sealed record FlowExceptionRequest(
    string BrandId, SalesChannel Channel, string ExternalOrderId, string InstanceId, string Step, string Cause, string Detail, AlertKind Kind)
{
    public bool Resolve { get; init; }

    /// <summary>Names this one recording's alert raise, the same on every execution of it (<see cref="OrderAlertRequest.OccurrenceKey"/>).</summary>
    public string? OccurrenceKey { get; init; }
}

/// <summary>
/// Records the order's exception (<see cref="IOrderFlowExceptionStore"/>) and alerts its owner (<see cref="IAlertRaiser"/>:
/// once per brand, kind and order), or resolves both after a retry got the flow past the step. Both writes are
/// idempotent, so a retry of the activity records and alerts once, and counts one occurrence (<see cref="FlowExceptionRequest.OccurrenceKey"/>).
/// </summary>
public sealed class RecordFlowExceptionActivity(IOrderFlowExceptionStore exceptions, IAlertRaiser alerts, TimeProvider time)
    : TaskActivity<FlowExceptionRequest, string?>
{
    public override async Task<string?> RunAsync(TaskActivityContext context, FlowExceptionRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var orderId = OrderId.For(input.Channel, input.ExternalOrderId);
        var subject = AlertSubject.Order(orderId);
        if (input.Resolve)
        {
            await exceptions.ResolveAsync(input.BrandId, orderId, time.GetUtcNow());
            var cleared = await alerts.ClearAsync(input.BrandId, input.Kind, subject, $"A retry got the order flow past {input.Step}.");
            return cleared?.Owner;
        }

        var raised = await alerts.RaiseAsync(new AlertRaise(input.BrandId, input.Kind, subject, Truncate($"Order {orderId}: {input.Step} failed ({input.Cause}). {input.Detail}"))
        {
            Channel = input.Channel,
            OccurrenceKey = input.OccurrenceKey,
            Evidence = new Dictionary<string, string>
            {
                ["step"] = input.Step,
                ["cause"] = input.Cause,
                ["instanceId"] = input.InstanceId,
                ["retry"] = $"POST /api/brands/{input.BrandId}/orders/{input.Channel.Slug()}/{Uri.EscapeDataString(input.ExternalOrderId)}/flow/retry",
            },
        });
        await exceptions.RecordAsync(new OrderFlowExceptionRecord(
            input.BrandId, orderId, input.Channel, input.ExternalOrderId, input.InstanceId, input.Step, input.Cause, input.Detail, raised.Alert.Owner, time.GetUtcNow()));
        return raised.Alert.Owner;
    }

    private static string Truncate(string text) => text.Length <= AlertRaise.MaxMessageLength ? text : text[..(AlertRaise.MaxMessageLength - 1)] + "…";
}
