using Microsoft.DurableTask.Client;
using ServerlessOps.Standalone.Tests.Support;
using ServerlessOps.Standalone.Tests.Tasks.MultiHost;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Standalone.Tests.MultiHost;

/// <summary>A host killed mid-orchestration; another host on the same task hub finishes its work.</summary>
public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    private const int Steps = 8;

    [Fact]
    public async Task HostKilledWithSigkill_AnotherHostFinishesEveryOrchestration()
    {
        var hub = EngineHost.NewHubName();
        await using var first = await WorkerProcess.StartAsync(azurite, hub, MultiHostSettings.FastRecovery);
        var client = ClientOnly.Create(azurite, hub);
        var ids = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            client.ScheduleNewOrchestrationInstanceAsync(nameof(ChainOrchestrator), new ChainRequest(Steps, 300), Deadline.Token())));
        foreach (var id in ids)
        {
            await Deadline.UntilAsync(
                async ct => (await client.GetInstanceAsync(id, getInputsAndOutputs: true, ct))?.ReadCustomStatusAs<int?>() >= 2 ? "progress" : null,
                $"the first host to finish two steps of {id}");
        }

        await first.KillAsync();
        foreach (var id in ids)
        {
            Assert.Equal(OrchestrationRuntimeStatus.Running, (await client.GetInstanceAsync(id, Deadline.Token()))!.RuntimeStatus);
        }

        await using var second = await EngineHost.StartAsync(azurite, hub, MultiHostTasks.Register, MultiHostSettings.FastRecovery, logPrefix: "second");
        foreach (var id in ids)
        {
            var done = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            var processes = done.ReadOutputAs<List<int>>()!;
            Assert.Equal(Steps, processes.Count);
            Assert.Equal(first.ProcessId, processes[0]);
            Assert.Equal(Environment.ProcessId, processes[^1]);
        }
    }
}
