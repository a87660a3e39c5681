namespace ServerlessOps.Durable.Orchestration;

/// <summary>Untyped form of an activity, used by the runtime. Implement <see cref="TaskActivity{TInput, TOutput}"/> instead.</summary>
public interface ITaskActivity
{
    /// <summary>The type the input is deserialised into.</summary>
    Type InputType { get; }

    /// <summary>The type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity once.</summary>
    /// <param name="context">The activity context.</param>
    /// <param name="input">The deserialised input.</param>
    /// <returns>The output.</returns>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}
