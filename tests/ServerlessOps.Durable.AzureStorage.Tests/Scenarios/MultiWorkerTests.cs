using System.Collections.Concurrent;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Durable.AzureStorage.Tests.Scenarios;

public sealed class MultiWorkerTests(AzuriteFixture azurite)
{
    private static readonly ConcurrentDictionary<string, int> Completions = new();

    [Fact]
    public async Task TwoWorkers_OneTaskHub_EveryInstanceCompletesOnceWithoutDuplicates()
    {
        var hub = TestHub.NewHubName();
        // Short visibility so a message one worker holds while the other wins the race comes back quickly.
        Action<AzureStorageTaskHubOptions> storage = o =>
        {
            o.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(5);
            o.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(20);
        };
        await using var first = await AzureTestHost.StartAsync(azurite, Tasks, hub, storage);
        await using var second = await AzureTestHost.StartAsync(azurite, Tasks, hub, storage);

        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var client = i % 2 == 0 ? first.Client : second.Client;
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync("Pair", i, cancellationToken: TestContext.Current.CancellationToken));
        }

        foreach (var id in ids)
        {
            var done = await first.WaitAsync(id, TimeSpan.FromSeconds(120));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            var history = await first.Client.GetOrchestrationHistoryAsync(id, TestContext.Current.CancellationToken);
            HistoryAssert.NoDuplicates(history);
            Assert.Equal(3, history.OfType<TaskCompletedEvent>().Count());
            Assert.Single(history.OfType<ExecutionCompletedEvent>());
        }

        Assert.Equal(20, ids.Select(id => Completions.GetValueOrDefault(id)).Count(n => n >= 1));
    }

    private static void Tasks(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<int, int>("Pair", async (ctx, n) =>
        {
            var a = await ctx.CallActivityAsync<int>("Twice", n);
            var parts = await Task.WhenAll(ctx.CallActivityAsync<int>("Twice", a), ctx.CallActivityAsync<int>("Twice", a + 1));
            return parts.Sum();
        })
        .AddActivityFunc<int, int>("Twice", (ctx, n) =>
        {
            Completions.AddOrUpdate(ctx.InstanceId, 1, (_, c) => c + 1);
            return Task.FromResult(n * 2);
        });
}
