using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// One execution of an activity created in its own DI scope (as the Functions worker gives each invocation one), the
/// scope disposed when the execution ends, so scoped dependencies (a DbContext, an HTTP client handler) never leak
/// between activities.
/// </summary>
internal sealed class ScopedTaskActivity(ITaskActivity inner, AsyncServiceScope scope) : ITaskActivity
{
    public Type InputType => inner.InputType;

    public Type OutputType => inner.OutputType;

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        try
        {
            return await inner.RunAsync(context, input);
        }
        finally
        {
            await scope.DisposeAsync();
        }
    }
}
