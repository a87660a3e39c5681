namespace ServerlessOps.Functions.CustomHandler;

/// <summary>
/// One function as its function.json declares it. The catalog is the app's side of the binding contract;
/// a test checks each Bindings/&lt;Name&gt;/function.json against it, so the two cannot drift apart.
/// </summary>
/// <param name="Name">Function name = folder name = custom-handler route for non-HTTP triggers (POST /{Name}).</param>
/// <param name="Route">HTTP route as function.json states it (host.json routePrefix is empty, so it is the app's route).</param>
/// <param name="Methods">HTTP methods, lower case as function.json writes them.</param>
/// <param name="QueueName">Queue of a queue trigger.</param>
/// <param name="Schedule">NCRONTAB (six fields, with seconds) of a timer trigger.</param>
public sealed record FunctionDescriptor(
    string Name,
    FunctionTrigger Trigger,
    string? Route = null,
    IReadOnlyList<string>? Methods = null,
    string? QueueName = null,
    string? Schedule = null);
