using Microsoft.DurableTask.Client;
using ServerlessOps.Standalone.Tests.Support;
using ServerlessOps.Standalone.Tests.Tasks.MultiHost;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Standalone.Tests.MultiHost;

/// <summary>Two hosts, two processes, one task hub: partitions split between them and both do the work.</summary>
public sealed class TwoHostsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TwoHostsOnOneTaskHub_PartitionsSplitAndBothRunOrchestrationsAndActivities()
    {
        var hub = EngineHost.NewHubName();
        KeyValuePair<string, string>[] overrides = [.. MultiHostSettings.FastRecovery, KeyValuePair.Create("maxConcurrentActivityFunctions", "4")];
        await using var other = await WorkerProcess.StartAsync(azurite, hub, overrides);
        await using var local = await EngineHost.StartAsync(azurite, hub, MultiHostTasks.Register, overrides, logPrefix: "local");
        await PartitionTable.WaitUntilSharedAsync(azurite, hub, other.WorkerId, local.Settings.WorkerId);

        var ids = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            local.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SpreadOrchestrator), 6, Deadline.Token())));
        var results = new List<OrchestrationMetadata>();
        foreach (var id in ids)
        {
            results.Add(await local.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token()));
        }

        int[] both = [other.ProcessId, Environment.ProcessId];
        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        var outputs = results.Select(r => r.ReadOutputAs<SpreadResult>()!).ToList();
        Assert.Equal(both.Order(), outputs.SelectMany(o => o.ActivityProcesses).Distinct().Order());
        Assert.Equal(both.Order(), outputs.Select(o => o.LastEpisodeProcess).Distinct().Order());
    }
}
