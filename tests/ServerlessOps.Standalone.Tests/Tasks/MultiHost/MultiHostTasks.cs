using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.MultiHost;

/// <summary>The tasks both the test process and the TestWorker process register (the worker compiles these files).</summary>
public static class MultiHostTasks
{
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<ChainOrchestrator>()
        .AddOrchestrator<SpreadOrchestrator>()
        .AddOrchestrator<TickOrchestrator>()
        .AddActivity<WhoAmIActivity>();
}
