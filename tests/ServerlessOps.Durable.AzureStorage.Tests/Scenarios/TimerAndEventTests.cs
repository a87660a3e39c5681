using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Durable.AzureStorage.Tests.Scenarios;

public sealed class TimerAndEventTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task DurableTimer_TwoSeconds_FiresNotBeforeDue()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<int, DateTime>("Sleep", async (ctx, seconds) =>
            {
                var due = ctx.CurrentUtcDateTime.AddSeconds(seconds);
                await ctx.CreateTimer(due, CancellationToken.None);
                return due;
            }));

        var done = await host.RunAsync("Sleep", 2);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var fired = (await host.Client.GetOrchestrationHistoryAsync(done.InstanceId, TestContext.Current.CancellationToken)).OfType<TimerFiredEvent>().Single();
        Assert.True(done.LastUpdatedAt.UtcDateTime >= done.ReadOutputAs<DateTime>(), "Completed before the timer was due.");
        Assert.Equal(0, fired.TimerId);
    }

    [Fact]
    public async Task ExternalEvent_RaisedBeforeTheWait_IsKeptAndDelivered()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<string, string>("LateWaiter", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>("Gate", "x");
                return await ctx.WaitForExternalEvent<string>("Approval");
            })
            .AddActivityFunc<string, string>("Gate", async (_, s) =>
            {
                await EventGate.WaitAsync();
                return s;
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("LateWaiter", "in", cancellationToken: TestContext.Current.CancellationToken);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.RaiseEventAsync(id, "Approval", "early", TestContext.Current.CancellationToken);
        await Deadline.UntilAsync(async ct => (await host.Client.GetOrchestrationHistoryAsync(id, ct)).OfType<EventRaisedEvent>().Any() ? "seen" : null, "the event in history");
        EventGate.Open();
        var done = await host.WaitAsync(id);

        Assert.Equal("early", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvent_RaisedAfterTheWait_CompletesTheWait()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<string, string>("Waiter", async (ctx, _) => await ctx.WaitForExternalEvent<string>("Approval")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "in", cancellationToken: TestContext.Current.CancellationToken);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.RaiseEventAsync(id, "Approval", "late", TestContext.Current.CancellationToken);
        var done = await host.WaitAsync(id);

        Assert.Equal("late", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WhenAnyTimerOrEvent_EventFirst_TimerCancelledAndInstanceCompletes()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<string, string>("Approve", async (ctx, _) =>
            {
                using var cts = new CancellationTokenSource();
                var timeout = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(1), cts.Token);
                var approval = ctx.WaitForExternalEvent<string>("Approval");
                if (await Task.WhenAny(timeout, approval) == approval)
                {
                    // Cancel synchronously: the orchestrator runs on the replay scheduler, CancelAsync would hop threads.
#pragma warning disable CA1849 // Deliberately synchronous (see above).
                    cts.Cancel();
#pragma warning restore CA1849
                    return "approved:" + approval.Result;
                }

                return "timed out";
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approve", "in", cancellationToken: TestContext.Current.CancellationToken);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.RaiseEventAsync(id, "Approval", "yes", TestContext.Current.CancellationToken);
        var done = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("approved:yes", done.ReadOutputAs<string>());
    }

    /// <summary>Holds the gate activity until the test has raised its event.</summary>
    private static class EventGate
    {
        private static readonly TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static Task WaitAsync() => Gate.Task.WaitAsync(TimeSpan.FromSeconds(60));

        public static void Open() => Gate.TrySetResult();
    }
}
