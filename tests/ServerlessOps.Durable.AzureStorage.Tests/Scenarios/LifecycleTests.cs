using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Durable.AzureStorage.Tests.Scenarios;

public sealed class LifecycleTests(AzuriteFixture azurite)
{
    private static readonly TaskCompletionSource ReplayChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static volatile bool _codeChanged;

    [Fact]
    public async Task ContinueAsNew_WithEventsBufferedMeanwhile_KeepsThemForTheNextExecution()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, total) =>
            {
                var add = await ctx.WaitForExternalEvent<int>("Add");
                total += add;
                if (total >= 6)
                {
                    return total;
                }

                ctx.ContinueAsNew(total, preserveUnprocessedEvents: true);
                return total;
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0, cancellationToken: TestContext.Current.CancellationToken);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        foreach (var n in new[] { 1, 2, 3 })
        {
            await host.Client.RaiseEventAsync(id, "Add", n, TestContext.Current.CancellationToken);
        }

        var done = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(6, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Terminate_RunningInstance_EndsTerminatedWithOutput()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, Waiter);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", "x", cancellationToken: TestContext.Current.CancellationToken);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.TerminateInstanceAsync(id, "stopped by test", TestContext.Current.CancellationToken);
        var done = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
    }

    [Fact]
    public async Task SuspendResume_EventWhileSuspended_WaitsUntilResumed()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, Waiter);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", "x", cancellationToken: TestContext.Current.CancellationToken);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.SuspendInstanceAsync(id, "pause", TestContext.Current.CancellationToken);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "Go", "value", TestContext.Current.CancellationToken);
        await Deadline.UntilAsync(async ct => (await host.Client.GetOrchestrationHistoryAsync(id, ct)).OfType<EventRaisedEvent>().Any() ? "seen" : null, "the event in history");
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id, TestContext.Current.CancellationToken))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "go on", TestContext.Current.CancellationToken);
        var done = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("value", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_CompletedInstance_RemovesStatusHistoryAndQueryRow()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, r => r.AddOrchestratorFunc<string, string>("Quick", (_, s) => Task.FromResult(s)));
        var done = await host.RunAsync("Quick", "x");

        var purged = await host.Client.PurgeInstanceAsync(done.InstanceId, TestContext.Current.CancellationToken);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(done.InstanceId, TestContext.Current.CancellationToken));
        Assert.Empty(await host.Client.GetOrchestrationHistoryAsync(done.InstanceId, TestContext.Current.CancellationToken));
        var query = await host.Client.QueryInstancesAsync(new OrchestrationQuery(), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(query.Instances, m => m.InstanceId == done.InstanceId);
    }

    [Fact]
    public async Task PurgeByFilter_OnlyFinishedInstancesInRange_ArePurged()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<string, string>("Quick", (_, s) => Task.FromResult(s))
            .AddOrchestratorFunc<string, string>("Wait", async (ctx, _) => await ctx.WaitForExternalEvent<string>("Go")));
        var first = await host.RunAsync("Quick", "a");
        var second = await host.RunAsync("Quick", "b");
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", "c", cancellationToken: TestContext.Current.CancellationToken);
        await host.WaitUntilAsync(running, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.UtcNow.AddHours(-1)), TestContext.Current.CancellationToken);

        Assert.Equal(2, purged.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(first.InstanceId, TestContext.Current.CancellationToken));
        Assert.Null(await host.Client.GetInstanceAsync(second.InstanceId, TestContext.Current.CancellationToken));
        Assert.NotNull(await host.Client.GetInstanceAsync(running, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Start_SameIdWhileRunning_IsRejectedAndNotDuplicated()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, Waiter);
        var id = "idem-" + Guid.NewGuid().ToString("N");
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", "x", new StartOrchestrationOptions(id), TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", "y", new StartOrchestrationOptions(id), TestContext.Current.CancellationToken));

        await host.Client.RaiseEventAsync(id, "Go", "done", TestContext.Current.CancellationToken);
        var done = await host.WaitAsync(id);
        Assert.Equal("x", done.ReadInputAs<string>());
        var history = await host.Client.GetOrchestrationHistoryAsync(id, TestContext.Current.CancellationToken);
        Assert.Single(history.OfType<ExecutionStartedEvent>());
    }

    [Fact]
    public async Task Replay_CodeNowCallsAnotherActivity_FailsNamingBothActions()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<string, string>("Changing", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>(_codeChanged ? "Renamed" : "Original", "x");
                return "done";
            })
            .AddActivityFunc<string, string>("Original", async (_, s) =>
            {
                await ReplayChanged.Task.WaitAsync(TimeSpan.FromSeconds(60));
                return s;
            })
            .AddActivityFunc<string, string>("Renamed", (_, s) => Task.FromResult(s)));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Changing", "x", cancellationToken: TestContext.Current.CancellationToken);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        _codeChanged = true;
        ReplayChanged.TrySetResult();
        var done = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("Original", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Renamed", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    private static void Waiter(DurableTaskRegistry registry) =>
        registry.AddOrchestratorFunc<string, string>("Wait", async (ctx, _) => await ctx.WaitForExternalEvent<string>("Go"));
}
