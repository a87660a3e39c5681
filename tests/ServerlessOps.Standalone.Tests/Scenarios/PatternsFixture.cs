using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Standalone.Tests.Support;
using ServerlessOps.Standalone.Tests.Tasks.Patterns;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Standalone.Tests.Scenarios;

/// <summary>The engine for <see cref="OrchestrationPatternTests"/>, with the pattern tasks.</summary>
public sealed class PatternsFixture(AzuriteFixture azurite) : EngineFixture(azurite)
{
    protected override void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<SequenceOrchestrator>()
        .AddOrchestrator<FanOutFanInOrchestrator>()
        .AddOrchestrator<RetryingOrchestrator>()
        .AddOrchestrator<JitteredRetryOrchestrator>()
        .AddOrchestrator<CatchingParentOrchestrator>()
        .AddOrchestrator<UncaughtParentOrchestrator>()
        .AddOrchestrator<FailingChildOrchestrator>()
        .AddOrchestrator<UnserializableOutputOrchestrator>()
        .AddOrchestrator<UnserializableActivityCallerOrchestrator>()
        .AddOrchestrator<TimerOrchestrator>()
        .AddOrchestrator<InjectionOrchestrator>()
        .AddOrchestrator<MisconfiguredCallerOrchestrator>()
        .AddOrchestrator<MissingChildCallerOrchestrator>()
        .AddOrchestrator<ParentOrchestrator>()
        .AddOrchestrator<ParentReportingChildOrchestrator>()
        .AddActivity<DoubleActivity>()
        .AddActivity<FlakyActivity>()
        .AddActivity<FailsOnceActivity>()
        .AddActivity<UnserializableOutputActivity>()
        .AddActivity<InjectedActivity>()
        .AddActivity<MisconfiguredActivity>();

    protected override void ConfigureServices(IServiceCollection services) => services
        .AddSingleton<ScopeTracker>()
        .AddScoped<ScopedProbe>();
}
