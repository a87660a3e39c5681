using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Durable.Tests.TestSupport;

namespace ServerlessOps.Durable.Tests.Execution;

/// <summary>Retry policies: back-off on durable timers, success after failures, exhaustion, filtering.</summary>
public sealed class RetryTests
{
    private static readonly RetryPolicy s_policy = new(
        maxNumberOfAttempts: 3,
        firstRetryInterval: TimeSpan.FromMilliseconds(20),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromMilliseconds(30));

    [Fact]
    public async Task Retry_FailsTwiceThenSucceeds_ReturnsResultAfterBackoffTimers()
    {
        var attempts = 0;
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivityFunc<string, string>("Flaky", (_, s) => Interlocked.Increment(ref attempts) < 3 ? throw new TimeoutException("channel slow") : s + " ok")
            .AddOrchestratorFunc<object?, string>("Retrying", (ctx, _) => ctx.CallActivityAsync<string>("Flaky", "order-1", TaskOptions.FromRetryPolicy(s_policy))));

        var result = await host.RunAsync("Retrying");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("order-1 ok", result.ReadOutputAs<string>());
        Assert.Equal(3, attempts);
        var history = await host.Backend.GetOrchestrationHistoryAsync(result.InstanceId, TestContext.Current.CancellationToken);
        var timers = history.OfType<TimerCreatedEvent>().ToList();
        Assert.Equal(2, timers.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(20), timers[0].FireAt - timers[0].Timestamp);
        Assert.Equal(TimeSpan.FromMilliseconds(30), timers[1].FireAt - timers[1].Timestamp);
    }

    [Fact]
    public async Task Retry_AlwaysFails_ThrowsTaskFailedExceptionAfterMaxAttempts()
    {
        var attempts = 0;
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivityFunc<string, string>("Broken", (Func<TaskActivityContext, string, string>)((_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new TimeoutException("channel down");
            }))
            .AddOrchestratorFunc<object?, string>("Exhausting", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Broken", null, TaskOptions.FromRetryPolicy(s_policy));
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}:{ex.FailureDetails.ErrorType}:{ex.FailureDetails.ErrorMessage}";
                }
            }));

        var result = await host.RunAsync("Exhausting");

        Assert.Equal($"Broken:{typeof(TimeoutException).FullName}:channel down", result.ReadOutputAs<string>());
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Retry_HandleFailureRejects_DoesNotRetry()
    {
        var attempts = 0;
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(10)) { HandleFailure = f => f.IsCausedBy<TimeoutException>() };
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivityFunc<string, string>("Invalid", (Func<TaskActivityContext, string, string>)((_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new ArgumentException("bad sku");
            }))
            .AddOrchestratorFunc<object?, string>("NoRetry", (ctx, _) => ctx.CallActivityAsync<string>("Invalid", null, TaskOptions.FromRetryPolicy(policy))));

        var result = await host.RunAsync("NoRetry");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public void RetryPolicy_GetDelay_GrowsByCoefficientAndIsCapped()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(5));

        Assert.Equal(
            [1, 2, 4, 5, 5],
            Enumerable.Range(1, 5).Select(n => policy.GetDelay(n).TotalSeconds));
    }
}
