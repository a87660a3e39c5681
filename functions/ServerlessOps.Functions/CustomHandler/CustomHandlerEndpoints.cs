namespace ServerlessOps.Functions.CustomHandler;

/// <summary>
/// The custom-handler side of non-HTTP triggers: the Functions host POSTs each queue message or timer tick
/// to /{FunctionName}. 200 with the invocation response means success; a 500 makes the host retry the
/// queue message (and, past maxDequeueCount, move it to the poison queue).
/// </summary>
public static class CustomHandlerEndpoints
{
    /// <summary>The binding name of every queue trigger's message in function.json.</summary>
    public const string QueueBindingName = "message";

    /// <summary>The binding name of every timer trigger in function.json.</summary>
    public const string TimerBindingName = "timer";

    public static IEndpointRouteBuilder MapCustomHandlerTriggers(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/").ExcludeFromDescription();
        group.MapPost("/{functionName}", InvokeAsync);
        return endpoints;
    }

    private static async Task<IResult> InvokeAsync(
        string functionName,
        InvocationRequest invocation,
        IEnumerable<IQueueFunction> queueFunctions,
        IEnumerable<ITimerFunction> timerFunctions,
        CancellationToken cancellationToken)
    {
        if (queueFunctions.FirstOrDefault(f => f.Name.Equals(functionName, StringComparison.OrdinalIgnoreCase)) is { } queueFunction)
        {
            var message = invocation.TriggerPayload(QueueBindingName);
            if (message is null)
            {
                return TypedResults.BadRequest($"Invocation of {functionName} carries no '{QueueBindingName}' data.");
            }

            await queueFunction.HandleAsync(message, invocation.DequeueCount, cancellationToken);
            return TypedResults.Ok(InvocationResponse.Empty);
        }

        if (timerFunctions.FirstOrDefault(f => f.Name.Equals(functionName, StringComparison.OrdinalIgnoreCase)) is { } timerFunction)
        {
            await timerFunction.RunAsync(cancellationToken);
            return TypedResults.Ok(InvocationResponse.Empty);
        }

        return TypedResults.NotFound($"No queue or timer function named '{functionName}'.");
    }
}
