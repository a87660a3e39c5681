using Microsoft.DurableTask.Client;
using ServerlessOps.Standalone.Tests.Support;
using ServerlessOps.Standalone.Tests.Tasks.MultiHost;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Standalone.Tests.MultiHost;

/// <summary>Eternal orchestrations (durable timer + continue-as-new) on two hosts, one of which stops.</summary>
public sealed class EternalAcrossHostsTests(AzuriteFixture azurite)
{
    private const int Instances = 6;

    [Fact]
    public async Task EternalOrchestrations_OneOfTwoHostsStops_TheOtherCarriesThemOn()
    {
        var hub = EngineHost.NewHubName();
        await using var other = await WorkerProcess.StartAsync(azurite, hub, MultiHostSettings.FastRecovery);
        await using var local = await EngineHost.StartAsync(azurite, hub, MultiHostTasks.Register, MultiHostSettings.FastRecovery, logPrefix: "local");
        await PartitionTable.WaitUntilSharedAsync(azurite, hub, other.WorkerId, local.Settings.WorkerId);
        var ids = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ =>
            local.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TickOrchestrator), new TickState(0, 0), Deadline.Token())));

        // Both hosts carry some of them before one stops.
        var before = await TicksAsync(local.Client, ids, t => t.All(s => s?.Generation >= 2) && t.Any(s => s!.Process == other.ProcessId), "every instance to tick twice, some on the other host");
        await other.StopAsync();

        var after = await TicksAsync(local.Client, ids, t => t.Select((s, i) => s is not null && s.Generation >= before[i]!.Generation + 3 && s.Process == Environment.ProcessId).All(x => x), "every instance to tick three more times on the remaining host", TimeSpan.FromMinutes(2));

        Assert.All(after, s => Assert.NotNull(s));
        foreach (var id in ids)
        {
            Assert.Equal(OrchestrationRuntimeStatus.Running, (await local.Client.GetInstanceAsync(id, Deadline.Token()))!.RuntimeStatus);
        }
    }

    // The takeover waits for the stopped host's invisible messages to come back (FastRecovery's 20 s) on top of the ticks.
    private static async Task<TickState?[]> TicksAsync(DurableTaskClient client, string[] ids, Func<TickState?[], bool> done, string what, TimeSpan? within = null) =>
        await Deadline.UntilAsync(
            async ct =>
            {
                var ticks = await Task.WhenAll(ids.Select(async id => (await client.GetInstanceAsync(id, getInputsAndOutputs: true, ct))?.ReadCustomStatusAs<TickState>()));
                return done(ticks) ? ticks : null;
            },
            what,
            within);
}
