using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Durable.Tests.TestSupport;

namespace ServerlessOps.Durable.Tests.Execution;

/// <summary>End-to-end replay scenarios on the in-memory backend with a polling worker.</summary>
public sealed class ReplayScenarioTests
{
    [Fact]
    public async Task SequentialChain_ThreeActivities_PassesEachResultToTheNext()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivityFunc<string, string>("Append", (_, s) => s + "!")
            .AddOrchestratorFunc<string, string>("Chain", async (ctx, input) =>
            {
                var a = await ctx.CallActivityAsync<string>("Append", input);
                var b = await ctx.CallActivityAsync<string>("Append", a);
                return await ctx.CallActivityAsync<string>("Append", b);
            }));

        var result = await host.RunAsync("Chain", "go");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("go!!!", result.ReadOutputAs<string>());
        var history = await host.Backend.GetOrchestrationHistoryAsync(result.InstanceId, TestContext.Current.CancellationToken);
        Assert.Equal([0, 1, 2], history.OfType<TaskScheduledEvent>().Select(e => e.EventId));
    }

    [Fact]
    public async Task FanOutFanIn_HundredActivities_SumsEveryResult()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivityFunc<int, int>("Square", (_, n) => n * n)
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, count) =>
            {
                var tasks = Enumerable.Range(1, count).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum();
            }));

        var result = await host.RunAsync("FanOut", 100);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 100).Sum(i => i * i), result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Timer_ShortDelay_ResumesNoEarlierThanFireTime()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, double>("Sleep", async (ctx, _) =>
            {
                var before = ctx.CurrentUtcDateTime;
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                return (ctx.CurrentUtcDateTime - before).TotalMilliseconds;
            }));

        var result = await host.RunAsync("Sleep");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.True(result.ReadOutputAs<double>() >= 200, $"resumed after {result.ReadOutputAs<double>()} ms");
    }

    [Fact]
    public async Task ExternalEvent_RaisedBeforeTheWait_IsKeptAndDelivered()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Approve", async (ctx, _) =>
            {
                var first = await ctx.WaitForExternalEvent<string>("First");
                return first + "+" + await ctx.WaitForExternalEvent<string>("Second");
            }));
        var ct = TestContext.Current.CancellationToken;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approve", ct);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.RaiseEventAsync(id, "second", "b", ct);
        await host.WaitForHistoryAsync(id, e => e is EventRaisedEvent);
        await host.Client.RaiseEventAsync(id, "First", "a", ct);
        var result = await host.WaitAsync(id);

        Assert.Equal("a+b", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvent_RaisedAfterTheWait_CompletesTheWait()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, int>("Await", async (ctx, _) => await ctx.WaitForExternalEvent<int>("Number")));
        var ct = TestContext.Current.CancellationToken;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Await", ct);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.RaiseEventAsync(id, "Number", 42, ct);

        Assert.Equal(42, (await host.WaitAsync(id)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task WhenAnyTimerOrEvent_EventFirst_CancelsTheTimerAndCompletes()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Race", async (ctx, _) =>
            {
                using var cts = new CancellationTokenSource();
                var timer = ctx.CreateTimer(TimeSpan.FromHours(1), cts.Token);
                var approval = ctx.WaitForExternalEvent<string>("Approval");
                var winner = await Task.WhenAny(timer, approval);
                if (winner == approval)
                {
                    cts.Cancel();
                    return "approved:" + await approval + ":timer-cancelled=" + timer.IsCanceled;
                }

                return "timed out";
            }));
        var ct = TestContext.Current.CancellationToken;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Race", ct);
        await host.WaitForHistoryAsync(id, e => e is TimerCreatedEvent);

        await host.Client.RaiseEventAsync(id, "Approval", "ok", ct);
        var result = await host.WaitAsync(id);

        Assert.Equal("approved:ok:timer-cancelled=True", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_NoEventWithinTimeout_ThrowsTimeoutException()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Impatient", async (ctx, _) =>
            {
                try
                {
                    return await ctx.WaitForExternalEvent<string>("Never", TimeSpan.FromMilliseconds(50));
                }
                catch (TimeoutException)
                {
                    return "timeout";
                }
            }));

        Assert.Equal("timeout", (await host.RunAsync("Impatient")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task ActivityThrows_OrchestratorFails_StatusCarriesOriginalTypeMessageAndStack()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivityFunc<string, string>("Explode", Explode)
            .AddOrchestratorFunc<object?, string>("Fragile", (ctx, _) => ctx.CallActivityAsync<string>("Explode", "x")));

        var result = await host.RunAsync("Fragile");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var failure = Assert.IsType<TaskFailureDetails>(result.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        var inner = Assert.IsType<TaskFailureDetails>(failure.InnerFailure);
        Assert.Equal(typeof(InvalidOperationException).FullName, inner.ErrorType);
        Assert.Equal("stock ledger offline", inner.ErrorMessage);
        Assert.Contains("ReplayScenarioTests", inner.StackTrace, StringComparison.Ordinal);
        Assert.True(failure.IsCausedBy<InvalidOperationException>());
    }

    private static string Explode(TaskActivityContext context, string input) => throw new InvalidOperationException("stock ledger offline");

    [Fact]
    public async Task CustomStatusAndNewGuid_AreRecordedAndStableAcrossReplays()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivityFunc<string, string>("Echo", (_, s) => s)
            .AddOrchestratorFunc<object?, string[]>("Guids", async (ctx, _) =>
            {
                var first = ctx.NewGuid();
                ctx.SetCustomStatus(new { stage = "middle" });
                var echoed = await ctx.CallActivityAsync<string>("Echo", first.ToString());
                return [first.ToString(), echoed, ctx.NewGuid().ToString()];
            }));

        var result = await host.RunAsync("Guids");

        var output = result.ReadOutputAs<string[]>()!;
        Assert.Equal(output[0], output[1]);
        Assert.NotEqual(output[0], output[2]);
        Assert.Equal(5, Guid.Parse(output[0]).Version);
        Assert.Contains("middle", result.SerializedCustomStatus, StringComparison.Ordinal);
    }
}
