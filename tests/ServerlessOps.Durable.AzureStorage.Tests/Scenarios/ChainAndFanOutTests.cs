using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Durable.AzureStorage.Tests.Scenarios;

public sealed class ChainAndFanOutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SequentialChain_TenActivities_ResultAndHistoryInOrder()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
            {
                var value = 0;
                for (var i = 0; i < n; i++)
                {
                    value = await ctx.CallActivityAsync<int>("Inc", value);
                }

                return value;
            })
            .AddActivityFunc<int, int>("Inc", (_, v) => Task.FromResult(v + 1)));

        var done = await host.RunAsync("Chain", 10);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(10, done.ReadOutputAs<int>());
        var history = await host.Client.GetOrchestrationHistoryAsync(done.InstanceId, TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(0, 10), history.OfType<TaskScheduledEvent>().Select(e => e.EventId));
    }

    [Fact]
    public async Task FanOutFanIn_HundredActivities_AllResultsAggregatedOnce()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
            {
                var results = await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)));
                return results.Sum();
            })
            .AddActivityFunc<int, int>("Square", (_, v) => Task.FromResult(v * v)));

        var done = await host.RunAsync("FanOut", 100);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 100).Sum(i => i * i), done.ReadOutputAs<int>());
        var history = await host.Client.GetOrchestrationHistoryAsync(done.InstanceId, TestContext.Current.CancellationToken);
        Assert.Equal(100, history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId).Distinct().Count());
        Assert.Equal(100, history.OfType<TaskCompletedEvent>().Count());
    }

    [Fact]
    public async Task Payload_Over64KB_InputActivityAndOutputRoundTrip()
    {
        await using var host = await AzureTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<string, string>("Echo", async (ctx, s) => await ctx.CallActivityAsync<string>("Reverse", s))
            .AddActivityFunc<string, string>("Reverse", (_, s) => Task.FromResult(new string(s.Reverse().ToArray()))));
        var big = string.Concat(Enumerable.Range(0, 20_000).Select(i => (char)('a' + (i % 26))));
        big += big + big + big;

        var done = await host.RunAsync("Echo", big);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new string(big.Reverse().ToArray()), done.ReadOutputAs<string>());
        Assert.Equal(big, done.ReadInputAs<string>());
    }
}
