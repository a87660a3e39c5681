using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessOps.Durable;
using ServerlessOps.Durable.AzureStorage;
using ServerlessOps.Durable.TestWorker;

// A worker process on a given task hub, for the crash-recovery test (which kills it with SIGKILL):
//   ServerlessOps.Durable.TestWorker <connection string> <task hub> <visibility timeout seconds>
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: ServerlessOps.Durable.TestWorker <connection string> <task hub> <visibility timeout seconds>");
    return 2;
}

var visibility = TimeSpan.FromSeconds(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.AddDurableTask(durable => durable
    .AddTasks(SlowChainTasks.Register)
    .Configure(o =>
    {
        o.TaskHubName = args[1];
        o.MinPollingInterval = TimeSpan.FromMilliseconds(5);
        o.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
    })
    .AddAzureStorageTaskHub(o =>
    {
        o.ConnectionString = args[0];
        o.ControlQueueVisibilityTimeout = visibility;
        o.WorkItemVisibilityTimeout = visibility;
    }));
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("READY");
await host.WaitForShutdownAsync();
return 0;
