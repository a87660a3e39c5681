using ServerlessOps.Functions.Hosting;
using ServerlessOps.Functions.Local;

// In Azure the Functions host starts this process as its isolated worker, naming its own gRPC endpoint on the
// command line. Anywhere else (locally, in tests, in the quick start) there is no host, and the same functions
// run in the standalone host, which stands in for it: routes, queue triggers, timers and the Durable Task engine.
if (FunctionsWorkerHost.IsStartedByFunctionsHost(args))
{
    FunctionsWorkerHost.Build(args).Run();
}
else
{
    StandaloneHost.Build(args).Run();
}

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
