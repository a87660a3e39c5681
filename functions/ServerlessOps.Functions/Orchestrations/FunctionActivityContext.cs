using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>
/// The <see cref="TaskActivityContext"/> an activity class gets when the Functions host runs it through its
/// <c>[ActivityTrigger]</c> wrapper: the activity's name and its orchestration's instance id from the binding data.
/// </summary>
internal sealed class FunctionActivityContext(string name, FunctionContext function) : TaskActivityContext
{
    public override TaskName Name => name;

    public override string InstanceId =>
        function.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is not null ? id.ToString()! : string.Empty;

    /// <summary>Creates <typeparamref name="TActivity"/> from the function's services and runs it, as the standalone host does.</summary>
    public static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(FunctionContext function, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(function);
        var activity = ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(function.InstanceServices);
        return activity.RunAsync(new FunctionActivityContext(typeof(TActivity).Name, function), input);
    }
}
