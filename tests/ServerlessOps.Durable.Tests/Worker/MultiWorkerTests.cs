using ServerlessOps.Durable.Backend.InMemory;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Durable.Tests.TestSupport;

namespace ServerlessOps.Durable.Tests.Worker;

/// <summary>Several workers on one task hub share the work without duplicating history.</summary>
public sealed class MultiWorkerTests
{
    [Fact]
    public async Task TwoWorkers_OneHub_FanOutCompletesWithEachTaskRecordedOnce()
    {
        var backend = new InMemoryOrchestrationBackend();
        static void Tasks(DurableTaskRegistry r) => r
            .AddActivityFunc<int, int>("Inc", (_, n) => n + 1)
            .AddOrchestratorFunc<int, int>("Fan", async (ctx, n) => (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Inc", i)))).Sum());
        await using var first = await DurableTestHost.StartAsync(Tasks, backend: backend);
        await using var second = await DurableTestHost.StartAsync(Tasks, backend: backend);
        var ct = TestContext.Current.CancellationToken;

        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await first.Client.ScheduleNewOrchestrationInstanceAsync("Fan", 25, ct));
        }

        foreach (var id in ids)
        {
            var result = await second.WaitAsync(id);
            var history = await backend.GetOrchestrationHistoryAsync(id, ct);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            Assert.Equal(Enumerable.Range(1, 25).Sum(), result.ReadOutputAs<int>());
            Assert.Equal(25, history.OfType<TaskScheduledEvent>().Select(e => e.EventId).Distinct().Count());
            Assert.Equal(25, history.OfType<TaskCompletedEvent>().Count());
        }
    }
}
