namespace ServerlessOps.Durable.Orchestration;

/// <summary>Untyped form of an orchestrator, used by the runtime. Implement <see cref="TaskOrchestrator{TInput, TOutput}"/> instead.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the input is deserialised into.</summary>
    Type InputType { get; }

    /// <summary>The type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs (or replays) the orchestration.</summary>
    /// <param name="context">The replay context.</param>
    /// <param name="input">The deserialised input.</param>
    /// <returns>The output.</returns>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
