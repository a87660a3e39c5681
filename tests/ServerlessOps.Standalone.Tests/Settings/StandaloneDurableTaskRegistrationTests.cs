using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServerlessOps.Standalone.Durable;
using ServerlessOps.Standalone.Tests.Tasks.Patterns;

namespace ServerlessOps.Standalone.Tests.Settings;

public sealed class StandaloneDurableTaskRegistrationTests
{
    [Fact]
    public async Task HostStart_InvalidDurableSetting_FailsBeforeTouchingStorageNamingTheSetting()
    {
        using var file = HostJsonFile.WithDurableTask("""{ "storageProvider": { "partitionCount": 40 } }""");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Nothing listens here: the start must fail on the setting, not on a connection.
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=AAAA;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;",
        });
        builder.Services.AddStandaloneDurableTask(builder.Configuration, r => r.AddOrchestrator<SequenceOrchestrator>(), file.Path);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<DurableTaskSettingsException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("storageProvider.partitionCount = '40'", Assert.Single(error.Problems), StringComparison.Ordinal);
    }
}
