using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.Tests.TestSupport;
using ServerlessOps.Durable.Worker;

namespace ServerlessOps.Durable.Tests.Worker;

/// <summary>The hosted worker: concurrency caps, the delivered-message entry point, DI and shutdown.</summary>
public sealed class TaskHubWorkerTests
{
    [Fact]
    public async Task MaxConcurrentActivities_FanOutOfTwenty_NeverRunsMoreThanTheCap()
    {
        var running = 0;
        var peak = 0;
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivityFunc<int, int>("Slow", async (_, n) =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref peak, now);
                    await Task.Delay(10, TestContext.Current.CancellationToken);
                    Interlocked.Decrement(ref running);
                    return n;
                })
                .AddOrchestratorFunc<object?, int>("Fan", async (ctx, _) => (await Task.WhenAll(Enumerable.Range(0, 20).Select(i => ctx.CallActivityAsync<int>("Slow", i)))).Sum()),
            options: o => o.MaxConcurrentActivities = 2);

        var result = await host.RunAsync("Fan");

        Assert.Equal(190, result.ReadOutputAs<int>());
        Assert.InRange(peak, 1, 2);
    }

    [Fact]
    public async Task EtagConflict_OnCommit_AbandonsAndRetriesTheStepUntilItCommits()
    {
        var backend = new ConflictingBackend(conflicts: 2);
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddActivityFunc<int, int>("Inc", (_, n) => n + 1).AddOrchestratorFunc<int, int>("Once", (ctx, n) => ctx.CallActivityAsync<int>("Inc", n)),
            backend: backend);

        var result = await host.RunAsync("Once", 1);
        var history = await backend.GetOrchestrationHistoryAsync(result.InstanceId, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ReadOutputAs<int>());
        Assert.True(backend.Abandons >= 2, $"{backend.Abandons} abandon(s)");
        Assert.Single(history, e => e is ServerlessOps.Durable.History.TaskScheduledEvent);
    }

    [Fact]
    public async Task ProcessDeliveredMessage_PollingDisabled_DrivesAnInstanceToCompletion()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivityFunc<int, int>("Double", (_, n) => n * 2)
                .AddOrchestratorFunc<int, int>("Twice", async (ctx, n) => await ctx.CallActivityAsync<int>("Double", await ctx.CallActivityAsync<int>("Double", n))),
            options: o => o.PollingEnabled = false);
        var ct = TestContext.Current.CancellationToken;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Twice", 5, ct);

        var outcomes = new List<WorkItemOutcome>();
        while (host.InMemory.PeekDeliverableMessage() is { } delivered && outcomes.Count < 20)
        {
            outcomes.Add(await host.Worker.ProcessDeliveredMessageAsync(delivered, ct));
        }

        var result = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, ct);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result?.RuntimeStatus);
        Assert.Equal(20, result?.ReadOutputAs<int>());
        Assert.All(outcomes, o => Assert.Equal(WorkItemOutcome.Completed, o));
        Assert.Equal(5, outcomes.Count);
    }

    [Fact]
    public async Task ProcessDeliveredMessage_NotATaskMessage_ThrowsFormatException()
    {
        await using var host = await DurableTestHost.StartAsync(_ => { }, options: o => o.PollingEnabled = false);

        await Assert.ThrowsAsync<FormatException>(() => host.Worker.ProcessDeliveredMessageAsync(
            new DeliveredQueueMessage { QueueName = "hub-control-00", MessageId = "m1", MessageText = "not json" },
            TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Options_MaxPollingBelowMin_FailsAtStartNamingBoth()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTask(d => d.UseInMemoryBackend().Configure(o =>
        {
            o.MinPollingInterval = TimeSpan.FromSeconds(2);
            o.MaxPollingInterval = TimeSpan.FromSeconds(1);
        }));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("MaxPollingInterval", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MinPollingInterval", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDurableTask_WithoutBackend_ExplainsHowToAddOne()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableTask(_ => { });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOrchestrationBackend>());

        Assert.Contains("UseInMemoryBackend", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_ResolvedPerInvocationFromAScope_GetsScopedServices()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivity<ScopedCounterActivity>("Count")
                .AddOrchestratorFunc<object?, int[]>("Counting", async (ctx, _) => [await ctx.CallActivityAsync<int>("Count"), await ctx.CallActivityAsync<int>("Count")]),
            services: s => s.AddScoped<ScopedCounter>());

        var result = await host.RunAsync("Counting");

        Assert.Equal([1, 1], result.ReadOutputAs<int[]>()!);
    }

    [Fact]
    public async Task Stop_ActivityStillRunningPastTimeout_IsCancelledAndAbandoned()
    {
        var started = new TaskCompletionSource();
        var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivityFunc<int, int>("Hang", async (ctx, n) =>
                {
                    started.TrySetResult();
                    await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                    return n;
                })
                .AddOrchestratorFunc<object?, int>("Hanging", (ctx, _) => ctx.CallActivityAsync<int>("Hang", 1)),
            options: o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(100));
        var backend = host.Backend;
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Hanging", TestContext.Current.CancellationToken);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        await host.DisposeAsync();
        var redelivered = await backend.GetActivityWorkItemAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Hang", redelivered?.TaskScheduled.Name);
        Assert.Equal(2, redelivered?.DequeueCount);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class ScopedCounter
    {
        public int Next() => ++Value;

        private int Value { get; set; }
    }

    private sealed class ScopedCounterActivity(ScopedCounter counter) : Orchestration.TaskActivity<object?, int>
    {
        public override Task<int> RunAsync(Orchestration.TaskActivityContext context, object? input) => Task.FromResult(counter.Next());
    }
}
