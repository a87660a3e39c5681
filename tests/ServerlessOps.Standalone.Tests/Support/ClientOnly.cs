using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Standalone.Durable;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Standalone.Tests.Support;

/// <summary>A <see cref="DurableTaskClient"/> on a task hub with no worker in this process (the work runs in a TestWorker).</summary>
internal static class ClientOnly
{
    public static DurableTaskClient Create(AzuriteFixture azurite, string hubName)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TestTaskHub"] = hubName,
        }).Build();
        var settings = DurableTaskSettingsReader.Read(configuration);
        var engine = new AzureStorageOrchestrationService(AzureStorageEngineSettings.Create(settings, configuration, NullLoggerFactory.Instance));
        return new OrchestrationServiceDurableTaskClient(settings, engine, JsonDataConverter.Default, TimeProvider.System);
    }
}
