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
}
