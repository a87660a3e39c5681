using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Tests.TestSupport;

namespace ServerlessOps.Durable.Tests.Execution;

/// <summary>Continue-as-new: fresh history, new input, and unconsumed events carried over.</summary>
public sealed class ContinueAsNewTests
{
    [Fact]
    public async Task ContinueAsNew_EventsArrivedButUnconsumed_AreDeliveredToTheNewExecution()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, total) =>
            {
                var value = await ctx.WaitForExternalEvent<int>("Add");
                if (total + value >= 6)
                {
                    return total + value;
                }

                ctx.ContinueAsNew(total + value);
                return 0;
            }));
        var ct = TestContext.Current.CancellationToken;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0, ct);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.SuspendInstanceAsync(id, "batch the events", ct);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        foreach (var n in new[] { 1, 2, 3 })
        {
            await host.Client.RaiseEventAsync(id, "Add", n, ct);
        }

        await host.WaitForHistoryAsync(id, e => e is EventRaisedEvent { Input: "3" });
        await host.Client.ResumeInstanceAsync(id, null, ct);
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(6, result.ReadOutputAs<int>());
        var history = await host.Backend.GetOrchestrationHistoryAsync(id, ct);
        Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.Contains(history, e => e is ContinueAsNewEvent);
        Assert.Equal("3", history.OfType<ExecutionStartedEvent>().Single().Input);
    }

    [Fact]
    public async Task ContinueAsNew_WithoutPreservingEvents_DropsUnconsumedEvents()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<int, string>("Forgetful", async (ctx, generation) =>
            {
                if (generation == 0)
                {
                    await ctx.WaitForExternalEvent<string>("Go");
                    ctx.ContinueAsNew(1, preserveUnprocessedEvents: false);
                    return "first";
                }

                return await ctx.WaitForExternalEvent<string>("Extra", TimeSpan.FromMilliseconds(100)).ContinueWith(t => t.IsFaulted ? "dropped" : t.Result, TaskScheduler.Current);
            }));
        var ct = TestContext.Current.CancellationToken;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forgetful", 0, ct);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.SuspendInstanceAsync(id, null, ct);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "Extra", "kept?", ct);
        await host.Client.RaiseEventAsync(id, "Go", "now", ct);
        await host.WaitForHistoryAsync(id, e => e is EventRaisedEvent { Name: "Go" });
        await host.Client.ResumeInstanceAsync(id, null, ct);

        Assert.Equal("dropped", (await host.WaitAsync(id)).ReadOutputAs<string>());
    }
}
