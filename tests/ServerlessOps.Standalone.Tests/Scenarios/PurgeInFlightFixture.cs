using Microsoft.DurableTask;
using ServerlessOps.Standalone.Tests.Support;
using ServerlessOps.Standalone.Tests.Tasks.Management;
using ServerlessOps.Standalone.Tests.Tasks.Patterns;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Standalone.Tests.Scenarios;

/// <summary>One partition, so every instance shares the control queue the purged instance's messages sit in.</summary>
public sealed class PurgeInFlightFixture(AzuriteFixture azurite) : EngineFixture(azurite)
{
    protected override IEnumerable<KeyValuePair<string, string>> DurableTaskOverrides =>
    [
        KeyValuePair.Create("storageProvider:partitionCount", "1"),
    ];

    protected override void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<HeldEpisodeOrchestrator>()
        .AddOrchestrator<InFlightWorkOrchestrator>()
        .AddActivity<LargeResultGateActivity>()
        .AddOrchestrator<SequenceOrchestrator>()
        .AddActivity<DoubleActivity>();
}
