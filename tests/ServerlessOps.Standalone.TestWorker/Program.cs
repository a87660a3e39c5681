using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessOps.Standalone.Durable;
using ServerlessOps.Standalone.Tests.Tasks.MultiHost;

// A standalone engine in a process of its own, wired as an app wires it, for the multi-host tests. Configured only by
// environment variables, as an app in Azure is by app settings: AzureWebJobsStorage, TestTaskHub (host.json's
// hubName is %TestTaskHub%) and AzureFunctionsJobHost__extensions__durableTask__* overrides. Prints
// "READY <process id> <worker id>" once started; stops gracefully on a "stop" line or when stdin closes (so it
// never outlives the test run), and is SIGKILLed by the crash test.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Services.AddStandaloneDurableTask(builder.Configuration, MultiHostTasks.Register);
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine($"READY {Environment.ProcessId} {host.Services.GetRequiredService<DurableTaskSettings>().WorkerId}");

var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
_ = Task.Run(async () =>
{
    while (await Console.In.ReadLineAsync() is { } line && line != "stop")
    {
    }

    lifetime.StopApplication();
});

await host.WaitForShutdownAsync();
Console.WriteLine("STOPPED");
return 0;
