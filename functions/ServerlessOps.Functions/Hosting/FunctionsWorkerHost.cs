using Microsoft.Azure.Functions.Worker.Builder;

namespace ServerlessOps.Functions.Hosting;

/// <summary>
/// The app as the Azure Functions host runs it: an isolated worker with ASP.NET Core integration. The host owns
/// the triggers (HTTP routing, queues, timers) and the Durable extension; the worker finds the functions through
/// their <c>[Function]</c> attributes and runs the same handlers the standalone host runs.
/// </summary>
public static class FunctionsWorkerHost
{
    /// <summary>The switch the Functions host passes with its gRPC endpoint when it starts a worker.</summary>
    public const string HostEndpointSwitch = "--functions-uri";

    public static bool IsStartedByFunctionsHost(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Any(a => a.StartsWith(HostEndpointSwitch, StringComparison.Ordinal));
    }

    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddFunctionApp(builder.Configuration);
        return builder.Build();
    }
}
