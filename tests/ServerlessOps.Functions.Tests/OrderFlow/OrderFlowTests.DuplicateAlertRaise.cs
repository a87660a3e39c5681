using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Workflows.OrderFlow.Activities;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// An activity runs at least once: two processes sharing a task hub can both run one scheduled alert raise while they
/// rebalance. The second execution used to count as a second occurrence (the oversell test's CI flake: a losing order's
/// stock-short alert "seen 2 times").
/// </summary>
public sealed partial class OrderFlowTests
{
    [Fact]
    public async Task ShortStockAlert_ItsRecordingRunTwice_CountsOneOccurrence()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        var order = Order("1091", ("L1", "SKU-A", 2, 20m));
        await flow.ConvergeAsync(order);
        var exception = await flow.WaitForOpenExceptionAsync(order);
        var raised = Assert.Single(await flow.Alerts.ListAsync(Brand, AlertState.Open, AlertKind.StockShort, Token));
        var key = Assert.Single(raised.CountedKeys);

        // The same scheduled activity run a second time by another worker: the same request, the same key.
        var duplicate = new FlowExceptionRequest(
            Brand, order.Channel, order.ExternalOrderId, exception.InstanceId, exception.Step, exception.Cause, exception.Detail, AlertKind.StockShort)
        {
            OccurrenceKey = key,
        };
        await ActivatorUtilities.CreateInstance<RecordFlowExceptionActivity>(flow.App.Services).RunAsync(null!, duplicate);

        var alert = (await flow.Alerts.GetAsync(Brand, raised.Id, Token))!.Value;
        Assert.Equal((1, raised.Notification.Sequence, raised.LastSeen), (alert.Occurrences, alert.Notification.Sequence, alert.LastSeen));
    }

    [Fact]
    public async Task RaiseOrderAlertActivity_SameRequestRunTwice_CountsOneOccurrence()
    {
        await using var flow = Start(out _);
        var activity = new RaiseOrderAlertActivity(flow.App.Services.GetRequiredService<IAlertRaiser>());
        var request = new OrderAlertRequest(Brand, SalesChannel.Shopify, "shopify:1092", AlertKind.SlaMissed, "Order shopify:1092 has not shipped by its ship-by.")
        {
            OccurrenceKey = "0f6c2f4e9a8b4c1d8e7f6a5b4c3d2e1f",
        };

        await activity.RunAsync(null!, request);
        var first = Assert.Single(await flow.Alerts.ListAsync(Brand, kind: AlertKind.SlaMissed, cancellationToken: Token));
        await activity.RunAsync(null!, request);

        var alert = (await flow.Alerts.GetAsync(Brand, first.Id, Token))!.Value;
        Assert.Equal((1, first.Notification.Sequence, first.Revision), (alert.Occurrences, alert.Notification.Sequence, alert.Revision));
    }
}
