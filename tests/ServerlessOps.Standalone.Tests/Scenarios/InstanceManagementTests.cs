using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ServerlessOps.Standalone.Durable;
using ServerlessOps.Standalone.Tests.Support;
using ServerlessOps.Standalone.Tests.Tasks.Management;

namespace ServerlessOps.Standalone.Tests.Scenarios;

/// <summary>Managing instances through <see cref="DurableTaskClient"/>: the semantics the extension gives the client in Azure.</summary>
public sealed class InstanceManagementTests(ManagementFixture fixture) : IClassFixture<ManagementFixture>
{
    private DurableTaskClient Client => fixture.Client;

    [Fact]
    public async Task TerminatePurgeRestart_SameInstanceId_EachStepTakesEffect()
    {
        var id = "order-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalOrchestrator), "first", new StartOrchestrationOptions(id), Deadline.Token());
        await WaitForWaitingAsync(id);

        await Client.TerminateInstanceAsync(id, "stopped by test", Deadline.Token());
        var terminated = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal("stopped by test", terminated.ReadOutputAs<string>());

        Assert.Equal(id, await Client.RestartAsync(id, restartWithNewInstanceId: false, Deadline.Token()));
        await WaitForWaitingAsync(id);
        await Client.RaiseEventAsync(id, "Signal", "go", Deadline.Token());
        var restarted = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, restarted.RuntimeStatus);
        Assert.Equal("first:go", restarted.ReadOutputAs<string>());

        var purged = await Client.PurgeInstanceAsync(id, Deadline.Token());
        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(id, Deadline.Token()));

        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalOrchestrator), "second", new StartOrchestrationOptions(id), Deadline.Token());
        await WaitForWaitingAsync(id);
        await Client.RaiseEventAsync(id, "Signal", "again", Deadline.Token());
        var reused = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());
        Assert.Equal("second:again", reused.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Start_InstanceIdStillRunning_ThrowsOrchestrationAlreadyExists()
    {
        var id = "dup-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalOrchestrator), "a", new StartOrchestrationOptions(id), Deadline.Token());

        var error = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalOrchestrator), "b", new StartOrchestrationOptions(id), Deadline.Token()));

        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        await Client.TerminateInstanceAsync(id, cancellation: Deadline.Token());
    }

    [Fact]
    public async Task SuspendAndResume_EventWhileSuspended_DeliveredAfterResume()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalOrchestrator), "s", Deadline.Token());
        await WaitForWaitingAsync(id);

        await Client.SuspendInstanceAsync(id, "maintenance", Deadline.Token());
        await Deadline.UntilAsync(
            async ct => (await Client.GetInstanceAsync(id, ct))?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended ? "suspended" : null,
            "the instance to be suspended");
        await Client.RaiseEventAsync(id, "Signal", "held", Deadline.Token());
        await Client.ResumeInstanceAsync(id, "done", Deadline.Token());
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal("s:held", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEvent_UnknownOrFinishedInstance_ThrowsAsTheExtensionDoes()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.RaiseEventAsync("missing-" + Guid.NewGuid().ToString("N"), "Signal", "x", Deadline.Token()));

        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ClockOrchestrator), "x", Deadline.Token());
        await Client.WaitForInstanceCompletionAsync(id, Deadline.Token());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.RaiseEventAsync(id, "Signal", "late", Deadline.Token()));
        Assert.Contains("Completed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAt_InTheFuture_StaysPendingUntilThen()
    {
        var startAt = DateTimeOffset.UtcNow.AddSeconds(4);
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ClockOrchestrator), "later", new StartOrchestrationOptions { StartAt = startAt }, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await Client.GetInstanceAsync(id, Deadline.Token()))!.RuntimeStatus);
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        // Queue visibility is whole seconds: the start may come up to a second early.
        Assert.True(done.ReadOutputAs<DateTime>() >= startAt.UtcDateTime.AddSeconds(-1), $"started at {done.ReadOutputAs<DateTime>():O}, due {startAt:O}");
    }

    [Fact]
    public async Task Query_ByPrefixInPagesOfTwo_ReturnsEveryInstanceOnce()
    {
        var prefix = "q" + Guid.NewGuid().ToString("N")[..8] + "-";
        foreach (var n in Enumerable.Range(1, 5))
        {
            var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ClockOrchestrator), "q", new StartOrchestrationOptions(prefix + n), Deadline.Token());
            await Client.WaitForInstanceCompletionAsync(id, Deadline.Token());
        }

        var pages = new List<int>();
        var ids = new List<string>();
        await foreach (var page in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2 }).AsPages().WithCancellation(Deadline.Token()))
        {
            pages.Add(page.Values.Count);
            ids.AddRange(page.Values.Select(v => v.InstanceId));
        }

        Assert.Equal(Enumerable.Range(1, 5).Select(n => prefix + n).Order(), ids.Order());
        Assert.All(pages, count => Assert.InRange(count, 0, 2));
    }

    [Fact]
    public async Task PurgeByFilter_CompletedInstancesCreatedInWindow_AllPurged()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = new List<string>();
        foreach (var _ in Enumerable.Range(1, 3))
        {
            var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ClockOrchestrator), "p", Deadline.Token());
            await Client.WaitForInstanceCompletionAsync(id, Deadline.Token());
            ids.Add(id);
        }

        var result = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, DateTimeOffset.UtcNow, [OrchestrationRuntimeStatus.Completed]), Deadline.Token());

        Assert.True(result.PurgedInstanceCount >= 3, $"purged {result.PurgedInstanceCount}");
        foreach (var id in ids)
        {
            Assert.Null(await Client.GetInstanceAsync(id, Deadline.Token()));
        }
    }

    [Fact]
    public async Task StatusEndpointShape_RunningThenCompleted_202WithLocationThen200WithOutput()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalOrchestrator), "web", Deadline.Token());
        await WaitForWaitingAsync(id);
        var uri = new Uri($"http://127.0.0.1/runtime/webhooks/durabletask/instances/{id}");

        var running = DurableInstanceStatus.From(await Client.GetInstanceAsync(id, getInputsAndOutputs: true, Deadline.Token()), uri);
        await Client.RaiseEventAsync(id, "Signal", "ok", Deadline.Token());
        var completed = DurableInstanceStatus.From(await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token()), uri);

        Assert.Equal(202, running.StatusCode);
        Assert.Equal(uri, running.Location);
        Assert.Equal("Running", running.Body!["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("waiting", running.Body["customStatus"]!.GetValue<string>());
        Assert.Equal(200, completed.StatusCode);
        Assert.Equal("web:ok", completed.Body!["output"]!.GetValue<string>());
        Assert.Equal("web", completed.Body["input"]!.GetValue<string>());
    }

    private async Task WaitForWaitingAsync(string id) =>
        await Deadline.UntilAsync(
            async ct => await Client.GetInstanceAsync(id, getInputsAndOutputs: true, ct) is { RuntimeStatus: OrchestrationRuntimeStatus.Running } state
                && state.ReadCustomStatusAs<string>() == "waiting" ? "waiting" : null,
            $"instance {id} to wait for its signal");
}
