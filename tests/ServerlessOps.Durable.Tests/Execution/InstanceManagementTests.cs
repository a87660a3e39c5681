using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Tests.TestSupport;

namespace ServerlessOps.Durable.Tests.Execution;

/// <summary>Terminate, suspend/resume, purge and idempotent start through the client.</summary>
public sealed class InstanceManagementTests
{
    [Fact]
    public async Task Terminate_WaitingInstance_EndsTerminatedWithReasonAsOutput()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Waiting", (ctx, _) => ctx.WaitForExternalEvent<string>("Never")));
        var ct = TestContext.Current.CancellationToken;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", ct);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.TerminateInstanceAsync(id, "cancelled by ops", ct);
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("cancelled by ops", result.ReadOutputAs<string>());
        Assert.NotNull(result.CompletedAt);
    }

    [Fact]
    public async Task SuspendResume_EventRaisedWhileSuspended_IsProcessedOnlyAfterResume()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Pausable", (ctx, _) => ctx.WaitForExternalEvent<string>("Go")));
        var ct = TestContext.Current.CancellationToken;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Pausable", ct);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.SuspendInstanceAsync(id, "maintenance", ct);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "Go", "now", ct);
        await host.WaitForHistoryAsync(id, e => e is EventRaisedEvent);
        var stillSuspended = await host.Client.GetInstanceAsync(id, ct);
        await host.Client.ResumeInstanceAsync(id, "done", ct);
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, stillSuspended?.RuntimeStatus);
        Assert.Equal("now", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_CompletedInstance_RemovesStateAndHistory()
    {
        await using var host = await DurableTestHost.StartAsync(r => r.AddOrchestratorFunc<object?, int>("Quick", (_, _) => Task.FromResult(1)));
        var ct = TestContext.Current.CancellationToken;
        var done = await host.RunAsync("Quick");

        var purged = await host.Client.PurgeInstanceAsync(done.InstanceId, ct);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(done.InstanceId, ct));
        Assert.Empty(await host.Backend.GetOrchestrationHistoryAsync(done.InstanceId, ct));
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(done.InstanceId, ct)).PurgedInstanceCount);
    }

    [Fact]
    public async Task PurgeAll_ByStatus_LeavesRunningInstances()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, int>("Quick", (_, _) => Task.FromResult(1))
            .AddOrchestratorFunc<object?, string>("Waiting", (ctx, _) => ctx.WaitForExternalEvent<string>("Never")));
        var ct = TestContext.Current.CancellationToken;
        await host.RunAsync("Quick");
        await host.RunAsync("Quick");
        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", ct);
        await host.WaitUntilAsync(waiting, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]), ct);

        Assert.Equal(2, purged.PurgedInstanceCount);
        Assert.NotNull(await host.Client.GetInstanceAsync(waiting, ct));
    }

    [Fact]
    public async Task Start_SameIdWhileRunning_ThrowsOrReturnsExistingButNeverDuplicates()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Waiting", (ctx, _) => ctx.WaitForExternalEvent<string>("Go")));
        var ct = TestContext.Current.CancellationToken;
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", new StartOrchestrationOptions("order-42"), ct);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", new StartOrchestrationOptions("order-42"), ct));
        var again = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            "Waiting", new StartOrchestrationOptions("order-42") { IfAlreadyRunning = AlreadyRunningBehavior.ReturnExisting }, ct);
        await host.Client.RaiseEventAsync("order-42", "Go", "once", ct);
        var result = await host.WaitAsync("order-42");

        Assert.Equal("order-42", again);
        Assert.Equal("once", result.ReadOutputAs<string>());
        var history = await host.Backend.GetOrchestrationHistoryAsync("order-42", ct);
        Assert.Single(history, e => e is ExecutionStartedEvent);
    }

    [Fact]
    public async Task Start_SameIdAfterCompletion_StartsANewExecution()
    {
        await using var host = await DurableTestHost.StartAsync(r => r.AddOrchestratorFunc<int, int>("Echo", (_, n) => Task.FromResult(n)));

        var first = await host.RunAsync("Echo", 1, "reused");
        var second = await host.RunAsync("Echo", 2, "reused");

        Assert.Equal(2, second.ReadOutputAs<int>());
        Assert.NotEqual(first.ExecutionId, second.ExecutionId);
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_ThrowsNotFound()
    {
        await using var host = await DurableTestHost.StartAsync(_ => { });

        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() =>
            host.Client.RaiseEventAsync("nobody", "Go", null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ScheduledStart_InTheFuture_StaysPendingUntilDue()
    {
        await using var host = await DurableTestHost.StartAsync(r => r.AddOrchestratorFunc<object?, int>("Later", (_, _) => Task.FromResult(7)));
        var ct = TestContext.Current.CancellationToken;
        var startAt = DateTimeOffset.UtcNow.AddSeconds(1.5);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Later", new StartOrchestrationOptions(StartAt: startAt), ct);
        var pending = await host.Client.GetInstanceAsync(id, ct);
        var started = await host.Client.WaitForInstanceStartAsync(id, ct);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending?.RuntimeStatus);
        Assert.True(started.LastUpdatedAt >= startAt, $"started at {started.LastUpdatedAt:O}, due {startAt:O}");
    }
}
