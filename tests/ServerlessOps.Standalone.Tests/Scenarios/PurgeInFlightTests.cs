using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Standalone.Tests.Support;
using ServerlessOps.Standalone.Tests.Tasks.Events;
using ServerlessOps.Standalone.Tests.Tasks.Management;
using ServerlessOps.Standalone.Tests.Tasks.Patterns;

namespace ServerlessOps.Standalone.Tests.Scenarios;

/// <summary>
/// Purging an instance whose messages are still in flight (the retired runtime stalled its queue on a purged payload
/// blob). One partition: every instance here shares the purged instance's control queue.
/// </summary>
public sealed class PurgeInFlightTests(PurgeInFlightFixture fixture) : IClassFixture<PurgeInFlightFixture>
{
    private DurableTaskClient Client => fixture.Client;

    [Fact]
    public async Task Purge_FinishedInstanceWithActivityResultAndTimerInFlight_LaterInstancesRunAndPurgedStaysGone()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(InFlightWorkOrchestrator), 3, Deadline.Token());
        await Deadline.WithinAsync(Gate.EnteredAsync(id).ContinueWith(_ => true, TaskScheduler.Default), "the activity to start");
        await Client.TerminateInstanceAsync(id, "cleanup", Deadline.Token());
        await Client.WaitForInstanceCompletionAsync(id, Deadline.Token());

        var purged = await Client.PurgeInstanceAsync(id, Deadline.Token());
        Gate.Open(id);

        // In flight for the purged instance now: its activity's 100 KB result (a blob plus a queue message) and its
        // timer. The engine returns such messages to the queue with growing delays (they could be early arrivals for
        // an instance not yet started) and discards them on their sixth dequeue, about a minute later; they must not
        // hold up the queue meanwhile, nor recreate the instance.
        Assert.Equal(1, purged.PurgedInstanceCount);
        await AssertLaterInstancesCompleteAsync();
        Assert.Null(await Client.GetInstanceAsync(id, Deadline.Token()));
    }

    [Fact]
    public async Task EnginePurge_DuringARunningEpisodeWithLargeEventsQueued_OtherInstancesKeepFullPace()
    {
        // The engine's own purge (what an operator tool or the extension's purge API calls) does not wait for a
        // running episode: that episode's commit then fails with 404.
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(HeldEpisodeOrchestrator), "held", Deadline.Token());
        await Deadline.UntilAsync(
            async ct => (await Client.GetInstanceAsync(id, ct))?.RuntimeStatus == OrchestrationRuntimeStatus.Running ? "running" : null,
            "the first episode to commit");
        await Client.RaiseEventAsync(id, "Go", "now", Deadline.Token());
        await Deadline.WithinAsync(EpisodeGate.EnteredAsync(id).ContinueWith(_ => true, TaskScheduler.Default), "the second episode to start");
        var large = new string('x', 100_000);
        foreach (var n in Enumerable.Range(1, 3))
        {
            await Client.RaiseEventAsync(id, "Unrelated", large + n, Deadline.Token());
        }

        var engine = fixture.Host.Services.GetRequiredService<AzureStorageOrchestrationService>();
        var purged = await engine.PurgeInstanceHistoryAsync(id);
        EpisodeGate.Release(id);

        // Left to itself the engine answers that failure with a 10 s pause after every fetch until five work items
        // succeed (~50 s for these 3 × 4 episodes); the standalone host keeps that pause for storage-wide failures only.
        Assert.Equal(1, purged.InstancesDeleted);
        await AssertLaterInstancesCompleteAsync();
        Assert.Null(await Client.GetInstanceAsync(id, Deadline.Token()));
    }

    [Fact]
    public async Task Purge_InstanceStillRunning_RefusedWithReason()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(InFlightWorkOrchestrator), 1, Deadline.Token());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.PurgeInstanceAsync(id, Deadline.Token()));

        Assert.Contains("terminate", error.Message, StringComparison.OrdinalIgnoreCase);
        Gate.Open(id);
        await Client.WaitForInstanceCompletionAsync(id, Deadline.Token());
    }

    private async Task AssertLaterInstancesCompleteAsync()
    {
        var later = await Task.WhenAll(Enumerable.Range(1, 3).Select(_ => Client.ScheduleNewOrchestrationInstanceAsync(nameof(SequenceOrchestrator), 3, Deadline.Token())));
        foreach (var laterId in later)
        {
            var done = await Client.WaitForInstanceCompletionAsync(laterId, getInputsAndOutputs: true, Deadline.Token(TimeSpan.FromSeconds(30)));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal([2, 4, 6], done.ReadOutputAs<List<int>>());
        }
    }
}
