using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Functions.OrderFlow;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>The stuck-flow finder and flows the engine failed.</summary>
public sealed partial class OrderFlowTests
{
    /// <summary>
    /// A flow the engine fails moments after it starts is raised by the finder's next hourly run. The finder used to ask
    /// only for flows created more than StuckAfter (two days) ago, so such a flow waited up to two days to be raised.
    /// </summary>
    [Fact]
    public async Task StuckFinder_FlowFailedSoonAfterStarting_IsRaisedByTheNextRun()
    {
        await using var flow = Start(out _);
        var instanceId = OrderFlowIds.Prefix + "acme:shopify:fails-young";

        // No input: the orchestrator refuses it at once, and the engine fails the flow.
        await flow.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OrderFlowOrchestrator), new StartOrchestrationOptions(instanceId), Token);
        await Poll.UntilAsync(
            async ct => (await flow.Client.GetInstanceAsync(instanceId, ct))?.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? "failed" : null, "the flow failed");

        // The next hourly run, well inside the default StuckAfter of two days.
        var finder = new FindStuckOrderFlows(
            flow.App.Services.GetRequiredService<IOptionsMonitor<OrderFlowOptions>>(), flow.App.Services.GetRequiredService<IAlertRaiser>(),
            new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1)), flow.App.Services, NullLogger<FindStuckOrderFlows>.Instance);

        Assert.Equal(1, await finder.FindAsync(flow.Client, Token));
        var alert = Assert.Single(await flow.Alerts.ListAsync(Brand, kind: AlertKind.FlowFailed, cancellationToken: Token));
        Assert.Equal(AlertSubject.Flow(instanceId), alert.Subject);
    }

    /// <summary>
    /// A person terminated a flow holding 2 reserved units: the units stay reserved for an order nobody processes, and
    /// the purge keeps the flow for the on-call engineer. The finder used to ask only for pending, running and failed
    /// flows, so nobody was told. Now a run past StuckAfter raises it, and the next run raises nothing new.
    /// </summary>
    [Fact]
    public async Task StuckFinder_FlowTerminatedHoldingReservedStock_IsRaisedOnce()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1063", ("L1", "SKU-A", 2, 20m));
        await flow.ConvergeAsync(order);
        await flow.WaitForStatusAsync(
            order, s => s.GetProperty("Stage").GetInt32() == (int)FlowStage.Active && s.GetProperty("PendingMovements").GetInt32() == 0, "the reservation confirmed");
        await TerminateAsync(flow, order);

        var finder = new FindStuckOrderFlows(
            flow.App.Services.GetRequiredService<IOptionsMonitor<OrderFlowOptions>>(), flow.App.Services.GetRequiredService<IAlertRaiser>(),
            new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(3)), flow.App.Services, NullLogger<FindStuckOrderFlows>.Instance);

        Assert.Equal(1, await finder.FindAsync(flow.Client, Token));
        await finder.FindAsync(flow.Client, Token);
        var alert = Assert.Single(await flow.Alerts.ListAsync(Brand, kind: AlertKind.FlowFailed, cancellationToken: Token));
        Assert.Equal((AlertSubject.Flow(OrderFlowHarness.InstanceId(order)), AlertState.Open), (alert.Subject, alert.State));
        Assert.Contains("terminated while holding 2 reserved unit(s)", alert.Message, StringComparison.Ordinal);
    }
}
