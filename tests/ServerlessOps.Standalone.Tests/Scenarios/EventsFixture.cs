using Microsoft.DurableTask;
using ServerlessOps.Standalone.Tests.Support;
using ServerlessOps.Standalone.Tests.Tasks.Events;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Standalone.Tests.Scenarios;

/// <summary>The engine for <see cref="ExternalEventTests"/>.</summary>
public sealed class EventsFixture(AzuriteFixture azurite) : EngineFixture(azurite)
{
    protected override void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<CollectEventsOrchestrator>()
        .AddOrchestrator<ApprovalOrchestrator>()
        .AddOrchestrator<ContinueAsNewCounterOrchestrator>()
        .AddActivity<GateActivity>();
}
