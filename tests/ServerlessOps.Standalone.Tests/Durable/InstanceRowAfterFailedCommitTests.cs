using Microsoft.DurableTask.Client;
using ServerlessOps.Standalone.Tests.Support;
using ServerlessOps.Standalone.Tests.Tasks.Faults;
using ServerlessOps.Standalone.Tests.Tasks.Patterns;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.Faults;

namespace ServerlessOps.Standalone.Tests.Durable;

/// <summary>
/// The engine commits an episode as two table writes, the history batch and then the instance row. Only the first
/// episode's row write carries RuntimeStatus Running (later ones merge the custom status and times only), so when that
/// one write fails after the history committed, the retried episode finds its start already in the history, drops the
/// start message as a duplicate and never writes Running: the row says Pending for the rest of the run (issue 18, drill 3).
/// </summary>
public sealed class InstanceRowAfterFailedCommitTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // as the app's host.json
    public async Task FirstEpisode_InstanceRowWriteFailsAfterHistoryCommitted_RowEndsRunningWithItsStatus(bool extendedSessions)
    {
        await using var proxies = await StorageFaultProxies.StartAsync(azurite, cancellationToken: Deadline.Token());
        var hub = EngineHost.NewHubName();
        await using var host = await EngineHost.StartAsync(
            azurite,
            hub,
            registry => registry.AddOrchestrator<StatusThenWaitOrchestrator>().AddActivity<DoubleActivity>(),
            [KeyValuePair.Create("extendedSessionsEnabled", extendedSessions ? "true" : "false")],
            storageConnectionString: proxies.ConnectionString);

        // Every instance-row upsert (the engine's InsertOrMerge is a PATCH on {hub}Instances(...)) fails, until the first
        // episode's write has used up the storage client's retries (1 + 3 tries); its history batch (a POST) goes through.
        proxies.Table.SetFaults(new FaultMix(1, [500], Target: new FaultTarget("PATCH", "/" + hub + "Instances(")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(StatusThenWaitOrchestrator), 21, Deadline.Token());
        await Deadline.UntilAsync(
            _ => Task.FromResult(proxies.Table.Figures.FaultedTotal >= 4 ? "failed" : null),
            "the first episode's instance-row write to fail four times");
        proxies.Table.SetFaults(FaultMix.None);

        var doubled = await Deadline.UntilAsync(
            async ct => await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, ct) is { SerializedCustomStatus: "\"doubled:42\"" } instance ? instance : null,
            "the flow to run its activity after the failed commit",
            TimeSpan.FromSeconds(90));

        // The activity's result may be committed before the retried first episode runs (its start message comes back
        // after the dispatcher's back-off, 10 s), so the row is watched until it says Running: without the repair it never does.
        var settled = await Deadline.UntilAsync(
            async ct => await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, ct) is { RuntimeStatus: OrchestrationRuntimeStatus.Running } instance ? instance : null,
            "the row to say Running once the retried first episode has committed (without the repair it stays Pending)",
            TimeSpan.FromSeconds(90));

        Assert.Equal("\"doubled:42\"", doubled.SerializedCustomStatus);
        Assert.Equal("\"doubled:42\"", settled.SerializedCustomStatus);
        await host.Client.RaiseEventAsync(id, StatusThenWaitOrchestrator.FinishEvent, "now", Deadline.Token());
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(42, done.ReadOutputAs<int>());
    }
}
