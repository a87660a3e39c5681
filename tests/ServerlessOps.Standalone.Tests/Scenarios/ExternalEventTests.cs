using Microsoft.DurableTask.Client;
using ServerlessOps.Standalone.Tests.Support;
using ServerlessOps.Standalone.Tests.Tasks.Events;

namespace ServerlessOps.Standalone.Tests.Scenarios;

/// <summary>External events on the real engine: early events, races with timers, many events, continue-as-new.</summary>
public sealed class ExternalEventTests(EventsFixture fixture) : IClassFixture<EventsFixture>
{
    private DurableTaskClient Client => fixture.Client;

    [Fact]
    public async Task EventsRaisedRightAfterScheduling_BeforeTheOrchestrationWaits_AllReceivedInOrder()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(CollectEventsOrchestrator), new CollectRequest(3, HoldAtGate: false), Deadline.Token());
        foreach (var value in new[] { 7, 8, 9 })
        {
            await Client.RaiseEventAsync(id, "Item", value, Deadline.Token());
        }

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal([7, 8, 9], done.ReadOutputAs<List<int>>());
    }

    [Fact]
    public async Task HundredFiftyEventsRaisedBeforeTheFirstWait_AllReceived()
    {
        const int Count = 150;
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(CollectEventsOrchestrator), new CollectRequest(Count, HoldAtGate: true), Deadline.Token());
        await Deadline.WithinAsync(Gate.EnteredAsync(id).ContinueWith(_ => true, TaskScheduler.Default), "the orchestration to hold at the gate");

        // The orchestration is held at its first activity: every event below is queued before its first wait.
        await RaiseAllAsync(id, "Item", Count);

        Gate.Open(id);
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, Count), done.ReadOutputAs<List<int>>()!.Order());
    }

    [Fact]
    public async Task WhenAnyTimerOrEvent_EventFirst_EventWinsAndTimerIsCancelled()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), 300, Deadline.Token());
        await Deadline.UntilAsync(
            async ct => (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, ct))?.ReadCustomStatusAs<string>() == "waiting" ? "waiting" : null,
            "the orchestration to wait for the event or its timer");

        await Client.RaiseEventAsync(id, "Approve", "alice", Deadline.Token());
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        // Completed long before the 300 s timer: the event won and the pending timer did not keep the instance open.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("approved:alice", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WhenAnyTimerOrEvent_NoEvent_TimerWins()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), 2, Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("timed out", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNewPreservingEvents_EventsRaisedWhileGenerationsRun_NoneLost()
    {
        const int Count = 40;
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ContinueAsNewCounterOrchestrator), new CounterState(Count, 0, 0), Deadline.Token());
        for (var value = 1; value <= Count; value++)
        {
            await Client.RaiseEventAsync(id, "Add", value, Deadline.Token());
        }

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new CounterState(Count, Count, Enumerable.Range(1, Count).Sum()), done.ReadOutputAs<CounterState>());
    }

    [Fact]
    public async Task ContinueAsNewPreservingEvents_HundredFiftyBufferedBeforeTheFirst_AllCarriedThroughEveryGeneration()
    {
        const int Count = 150;
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ContinueAsNewCounterOrchestrator), new CounterState(Count, 0, 0, HoldAtGate: true), Deadline.Token());
        await Deadline.WithinAsync(Gate.EnteredAsync(id).ContinueWith(_ => true, TaskScheduler.Default), "the first execution to hold at the gate");
        await RaiseAllAsync(id, "Add", Count);

        // Every event is queued before the first wait: each generation takes one and must hand the rest to the next.
        Gate.Open(id);
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token(TimeSpan.FromSeconds(90)));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new CounterState(Count, Count, Enumerable.Range(1, Count).Sum(), HoldAtGate: true), done.ReadOutputAs<CounterState>());
    }

    private async Task RaiseAllAsync(string id, string eventName, int count)
    {
        using var parallel = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(1, count).Select(async value =>
        {
            await parallel.WaitAsync(Deadline.Token());
            try
            {
                await Client.RaiseEventAsync(id, eventName, value, Deadline.Token());
            }
            finally
            {
                parallel.Release();
            }
        }));
    }
}
