using Microsoft.DurableTask;
using ServerlessOps.Standalone.Tests.Support;
using ServerlessOps.Standalone.Tests.Tasks.Management;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Standalone.Tests.Scenarios;

/// <summary>The engine for <see cref="InstanceManagementTests"/>.</summary>
public sealed class ManagementFixture(AzuriteFixture azurite) : EngineFixture(azurite)
{
    protected override void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<SignalOrchestrator>()
        .AddOrchestrator<ClockOrchestrator>();
}
