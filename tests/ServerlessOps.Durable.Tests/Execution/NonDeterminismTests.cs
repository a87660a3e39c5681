using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.Execution;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.Tests.Execution;

/// <summary>Replaying history with changed orchestrator code fails the instance with a message naming both actions.</summary>
public sealed class NonDeterminismTests
{
    private static readonly DateTime s_now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Replay_ActivityReplacedByTimer_FailsNamingBothActions()
    {
        var v1 = Registry(ctx => ctx.CallActivityAsync<string>("ReserveStock", "sku-1"));
        var first = Step(v1, [], [Start()]);
        var history = first.Commit.NewHistory;
        Assert.Contains(history, e => e is TaskScheduledEvent { Name: "ReserveStock" });

        var v2 = Registry(async ctx =>
        {
            await ctx.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
            return "late";
        });
        var completion = Message(new TaskCompletedEvent { Timestamp = s_now, TaskScheduledId = 0, Result = "\"ok\"" });
        var second = Step(v2, history, [completion]);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, second.Status);
        var failure = second.Commit.Instance.FailureDetails!;
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, failure.ErrorType);
        Assert.Contains("at sequence 0 history has TaskScheduled 'ReserveStock' but replay produced CreateTimer", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("orchestrator code changed while the instance was in flight", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(second.Commit.ActivityMessages);
        Assert.Empty(second.Commit.TimerMessages);
    }

    [Fact]
    public void Replay_ActivityRenamed_FailsNamingBothNames()
    {
        var first = Step(Registry(ctx => ctx.CallActivityAsync<string>("ReserveStock")), [], [Start()]);
        var renamed = Registry(ctx => ctx.CallActivityAsync<string>("HoldStock"));

        var second = Step(renamed, first.Commit.NewHistory, [Message(new TaskCompletedEvent { Timestamp = s_now, TaskScheduledId = 0 })]);

        Assert.Contains("history has TaskScheduled 'ReserveStock' but replay produced ScheduleTask 'HoldStock'", second.Commit.Instance.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_SameCode_CompletesFromHistoryWithoutRescheduling()
    {
        var registry = Registry(ctx => ctx.CallActivityAsync<string>("ReserveStock"));
        var first = Step(registry, [], [Start()]);

        var second = Step(registry, first.Commit.NewHistory, [Message(new TaskCompletedEvent { Timestamp = s_now, TaskScheduledId = 0, Result = "\"reserved\"" })]);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.Status);
        Assert.Equal("\"reserved\"", second.Commit.Instance.SerializedOutput);
        Assert.Empty(second.Commit.ActivityMessages);
    }

    [Fact]
    public void Replay_DuplicateCompletionMessage_IsIgnoredNotRecordedTwice()
    {
        var registry = Registry(async ctx =>
        {
            await ctx.CallActivityAsync<string>("A");
            return await ctx.WaitForExternalEvent<string>("Done");
        });
        var first = Step(registry, [], [Start()]);
        var completed = Message(new TaskCompletedEvent { Timestamp = s_now, TaskScheduledId = 0 });
        var second = Step(registry, first.Commit.NewHistory, [completed]);
        var history = first.Commit.NewHistory.Concat(second.Commit.NewHistory).ToList();

        var third = Step(registry, history, [completed]);

        Assert.Empty(third.Commit.NewHistory);
        Assert.Single(history, e => e is TaskCompletedEvent);
    }

    private static DurableTaskRegistry Registry(Func<TaskOrchestrationContext, Task<string>> body) =>
        new DurableTaskRegistry().AddOrchestratorFunc<object?, string>("Order", (ctx, _) => body(ctx));

    private static TaskMessage Start() => Message(new ExecutionStartedEvent
    {
        Timestamp = s_now,
        Name = "Order",
        OrchestrationInstance = new OrchestrationInstance("order-1", "exec-1"),
    });

    private static TaskMessage Message(HistoryEvent e) =>
        new() { MessageId = Guid.NewGuid().ToString("N"), Instance = new OrchestrationInstance("order-1", "exec-1"), Event = e };

    private static StepRunResult Step(DurableTaskRegistry registry, IReadOnlyList<HistoryEvent> history, IReadOnlyList<TaskMessage> messages)
    {
        var runner = new OrchestrationStepRunner(registry, EmptyServices.Instance, JsonDataConverter.Default, NullLoggerFactory.Instance);
        var workItem = new OrchestrationWorkItem
        {
            InstanceId = "order-1",
            History = history,
            NewMessages = messages,
            Instance = history.Count == 0 ? null : new OrchestrationMetadata
            {
                InstanceId = "order-1",
                Name = "Order",
                RuntimeStatus = OrchestrationRuntimeStatus.Running,
                CreatedAt = s_now,
                LastUpdatedAt = s_now,
            },
        };
        return runner.Run(workItem, s_now) ?? throw new InvalidOperationException("The step had nothing to run.");
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
