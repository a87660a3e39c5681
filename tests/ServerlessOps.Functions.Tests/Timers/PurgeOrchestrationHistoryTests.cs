using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Functions.Timers;

namespace ServerlessOps.Functions.Tests.Timers;

/// <summary>The daily purge on the standalone host's real engine: finished instances older than the retention go, newer ones stay.</summary>
public sealed class PurgeOrchestrationHistoryTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Purge_FinishedInstancesOlderThanRetention_AreGoneAndNewerOnesStay()
    {
        // The app has no workflow yet whose instances could age; a probe orchestrator that waits for ever stands in.
        await using var app = TestApp.Start(
            fixture, TestApp.TriggersOff(), testServices: s => s.AddStandaloneDurableTasks(r => r.AddOrchestratorFunc(ProbeName, WaitForeverAsync)));
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        var old = await StartTerminatedAsync(client, "purge-old-" + app.RunId);
        var oldCreated = (await client.GetInstanceAsync(old, Token))!.CreatedAt;
        await Poll.UntilAsync(_ => Task.FromResult(DateTimeOffset.UtcNow > oldCreated.AddSeconds(2) ? "later" : null), "two seconds after the first instance");
        var recent = await StartTerminatedAsync(client, "purge-recent-" + app.RunId);

        // Thirty days on, give or take: the cut-off falls one second after the old instance was created.
        var retention = TimeSpan.FromDays(30);
        var later = new FakeTimeProvider(oldCreated.AddSeconds(1) + retention);
        var purge = new PurgeOrchestrationHistory(
            Options.Create(new OrchestrationHistoryOptions { Retention = retention }), app.Services.GetRequiredService<IOrderFlowEndStore>(), later, app.Services, NullLogger<PurgeOrchestrationHistory>.Instance);

        var purged = await purge.PurgeAsync(client, Token);

        Assert.Equal(1, purged);
        Assert.Null(await client.GetInstanceAsync(old, Token));
        Assert.NotNull(await client.GetInstanceAsync(recent, Token));
    }

    private const string ProbeName = "PurgeProbe";

    private static async Task<string?> WaitForeverAsync(TaskOrchestrationContext context) =>
        await context.WaitForExternalEvent<string>("never");

    /// <summary>An instance that finished: the probe started, then terminated.</summary>
    private static async Task<string> StartTerminatedAsync(DurableTaskClient client, string instanceId)
    {
        await client.ScheduleNewOrchestrationInstanceAsync(ProbeName, new StartOrchestrationOptions(instanceId), Token);
        await client.TerminateInstanceAsync(instanceId, "purge test", Token);
        await Poll.UntilAsync(
            async ct => (await client.GetInstanceAsync(instanceId, ct))?.RuntimeStatus is OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Failed ? instanceId : null,
            $"{instanceId} finished");
        return instanceId;
    }
}
