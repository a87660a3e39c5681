namespace ServerlessOps.Durable.Orchestration;

/// <summary>Adapts a registered orchestrator function.</summary>
internal sealed class FuncTaskOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    : TaskOrchestrator<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => implementation(context, input);
}
