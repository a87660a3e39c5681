using System.Collections.Concurrent;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Durable.AzureStorage.Tests.Scenarios;

public sealed class RetryAndSubOrchestrationTests(AzuriteFixture azurite)
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new();

    [Fact]
    public async Task Retry_FailsTwiceThenSucceeds_CompletesAfterBackoffTimers()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, Flaky);

        var done = await host.RunAsync("Retrying", new FlakyInput("ok-" + Guid.NewGuid().ToString("N"), FailTimes: 2, MaxAttempts: 4));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
        var history = await host.Client.GetOrchestrationHistoryAsync(done.InstanceId, TestContext.Current.CancellationToken);
        Assert.Equal(2, history.OfType<TaskFailedEvent>().Count());
        Assert.Equal(2, history.OfType<TimerFiredEvent>().Count());
    }

    [Fact]
    public async Task Retry_AttemptsExhausted_FailsWithTheActivitysError()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, Flaky);

        var done = await host.RunAsync("Retrying", new FlakyInput("bad-" + Guid.NewGuid().ToString("N"), FailTimes: 10, MaxAttempts: 3));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.NotNull(done.FailureDetails);
        Assert.True(done.FailureDetails!.IsCausedBy<InvalidOperationException>(), done.FailureDetails.ToString());
        var history = await host.Client.GetOrchestrationHistoryAsync(done.InstanceId, TestContext.Current.CancellationToken);
        Assert.Equal(3, history.OfType<TaskFailedEvent>().Count());
    }

    [Fact]
    public async Task SubOrchestration_ChildFails_ParentSeesTaskFailedWithChildsError()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<string, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync<string>("Child", "boom");
                    return "no error";
                }
                catch (TaskFailedException ex)
                {
                    return "caught:" + ex.FailureDetails.ErrorMessage;
                }
            })
            .AddOrchestratorFunc<string, string>("Child", async (ctx, s) => await ctx.CallActivityAsync<string>("Explode", s))
            .AddActivityFunc<string, string>("Explode", (_, s) => Task.FromException<string>(new InvalidOperationException("child failed: " + s))));

        var done = await host.RunAsync("Parent", "x");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Contains("child failed: boom", done.ReadOutputAs<string>(), StringComparison.Ordinal);
    }

    private static void Flaky(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<FlakyInput, int>("Retrying", async (ctx, input) =>
            await ctx.CallActivityAsync<int>("Flaky", input, TaskOptions.FromRetryPolicy(
                new RetryPolicy(input.MaxAttempts, TimeSpan.FromMilliseconds(200), backoffCoefficient: 2))))
        .AddActivityFunc<FlakyInput, int>("Flaky", (_, input) =>
        {
            var attempt = Attempts.AddOrUpdate(input.Key, 1, (_, n) => n + 1);
            return attempt <= input.FailTimes
                ? Task.FromException<int>(new InvalidOperationException($"attempt {attempt} failed"))
                : Task.FromResult(attempt);
        });

    public sealed record FlakyInput(string Key, int FailTimes, int MaxAttempts);
}
