using Microsoft.Extensions.Configuration;
using ServerlessOps.Standalone.Durable;

namespace ServerlessOps.Standalone.Tests.Settings;

public sealed class DurableTaskSettingsReaderTests
{
    private const string Prefix = "AzureFunctionsJobHost:extensions:durableTask:";

    [Fact]
    public void Read_NoDurableTaskSection_ExtensionDefaults()
    {
        using var file = new HostJsonFile("""{ "version": "2.0" }""");

        var settings = DurableTaskSettingsReader.Read(Configuration(), file.Path);

        Assert.Equal("TestHubName", settings.HubName);
        Assert.Equal("AzureWebJobsStorage", settings.ConnectionName);
        Assert.Equal(4, settings.PartitionCount);
        Assert.Equal(32, settings.ControlQueueBatchSize);
        Assert.Equal(256, settings.ControlQueueBufferThreshold);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.MaxQueuePollingInterval);
        Assert.True(settings.UseTablePartitionManagement);
        Assert.False(settings.ExtendedSessionsEnabled);
        Assert.Equal(30, settings.ExtendedSessionIdleTimeoutInSeconds);
        Assert.Equal(10 * Environment.ProcessorCount, settings.MaxConcurrentActivityFunctions);
        Assert.Equal(10 * Environment.ProcessorCount, settings.MaxConcurrentOrchestratorFunctions);
        Assert.True(settings.UseAppLease);
        Assert.Null(settings.ThrowStatusExceptionsOnRaiseEvent);
    }

    [Fact]
    public void Read_HostJsonValues_AppliedWhateverTheKeysCase()
    {
        using var file = HostJsonFile.WithDurableTask("""
            {
              // Comments and trailing commas are allowed, as the Functions host allows them.
              "HubName": "OrdersHub",
              "storageProvider": {
                "connectionName": "DurableStorage",
                "PartitionCount": 8,
                "controlQueueBatchSize": 16,
                "controlQueueBufferThreshold": 128,
                "controlQueueVisibilityTimeout": "00:02:00",
                "workItemQueueVisibilityTimeout": "00:01:00",
                "maxQueuePollingInterval": "00:00:10",
                "useTablePartitionManagement": false,
                "partitionLeaseInterval": "00:00:15",
              },
              "extendedSessionsEnabled": true,
              "extendedSessionIdleTimeoutInSeconds": 60,
              "maxConcurrentActivityFunctions": 20,
              "maxConcurrentOrchestratorFunctions": 5,
              "throwStatusExceptionsOnRaiseEvent": false,
              "tracing": { "traceInputsAndOutputs": false },
            }
            """);

        var settings = DurableTaskSettingsReader.Read(Configuration(), file.Path);

        Assert.Equal("OrdersHub", settings.HubName);
        Assert.Equal("DurableStorage", settings.ConnectionName);
        Assert.Equal(8, settings.PartitionCount);
        Assert.Equal(16, settings.ControlQueueBatchSize);
        Assert.Equal(128, settings.ControlQueueBufferThreshold);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.MaxQueuePollingInterval);
        Assert.False(settings.UseTablePartitionManagement);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.PartitionLeaseInterval);
        Assert.True(settings.ExtendedSessionsEnabled);
        Assert.Equal(60, settings.ExtendedSessionIdleTimeoutInSeconds);
        Assert.Equal(20, settings.MaxConcurrentActivityFunctions);
        Assert.Equal(5, settings.MaxConcurrentOrchestratorFunctions);
        Assert.False(settings.ThrowStatusExceptionsOnRaiseEvent);
    }

    [Fact]
    public void Read_AppSettingOverride_WinsOverHostJsonWhateverTheCase()
    {
        using var file = HostJsonFile.WithDurableTask("""{ "storageProvider": { "partitionCount": 8, "controlQueueBatchSize": 16 } }""");

        var settings = DurableTaskSettingsReader.Read(
            Configuration(("AZUREFUNCTIONSJOBHOST:Extensions:DurableTask:StorageProvider:PartitionCount", "2")), file.Path);

        Assert.Equal(2, settings.PartitionCount);
        Assert.Equal(16, settings.ControlQueueBatchSize);
    }

    [Fact]
    public void Read_PercentToken_ResolvedFromAppSetting()
    {
        using var file = HostJsonFile.WithDurableTask("""{ "hubName": "%DurableHubName%" }""");

        var settings = DurableTaskSettingsReader.Read(Configuration(("DurableHubName", "ProdHub")), file.Path);

        Assert.Equal("ProdHub", settings.HubName);
    }

    [Fact]
    public void Read_TokenWithoutAppSetting_FailsNamingTokenKeyAndFile()
    {
        using var file = HostJsonFile.WithDurableTask("""{ "hubName": "%MissingHub%" }""");

        var error = Assert.Throws<DurableTaskSettingsException>(() => DurableTaskSettingsReader.Read(Configuration(), file.Path));

        var problem = Assert.Single(error.Problems, p => p.Contains("%MissingHub%", StringComparison.Ordinal));
        Assert.Contains("extensions.durableTask.hubName", problem, StringComparison.Ordinal);
        Assert.Contains(file.Path, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownKey_FailsNamingKeyAndFile()
    {
        using var file = HostJsonFile.WithDurableTask("""{ "storageProvider": { "partitionCont": 8 } }""");

        var error = Assert.Throws<DurableTaskSettingsException>(() => DurableTaskSettingsReader.Read(Configuration(), file.Path));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("extensions.durableTask.storageProvider.partitionCont", problem, StringComparison.Ordinal);
        Assert.Contains("unknown key", problem, StringComparison.Ordinal);
        Assert.Contains(file.Path, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnparsableOverride_FailsNamingTheAppSetting()
    {
        using var file = HostJsonFile.WithDurableTask("{}");

        var error = Assert.Throws<DurableTaskSettingsException>(() => DurableTaskSettingsReader.Read(
            Configuration((Prefix + "storageProvider:maxQueuePollingInterval", "thirty seconds")), file.Path));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval", problem, StringComparison.Ordinal);
        Assert.Contains("time span", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OutOfRangeValues_EveryProblemListedWithItsRangeAndOrigin()
    {
        using var file = HostJsonFile.WithDurableTask("""{ "storageProvider": { "partitionCount": 17 }, "maxConcurrentActivityFunctions": 0 }""");

        var error = Assert.Throws<DurableTaskSettingsException>(() => DurableTaskSettingsReader.Read(Configuration(), file.Path));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("storageProvider.partitionCount = '17'", StringComparison.Ordinal) && p.Contains("between 1 and 16", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("maxConcurrentActivityFunctions = '0'", StringComparison.Ordinal) && p.Contains(file.Path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "storageProvider": { "trackingStoreConnectionName": "Other" } }""", "tracking-store")]
    [InlineData("""{ "storageProvider": { "type": "mssql" } }""", "Azure Storage provider")]
    [InlineData("""{ "defaultVersion": "2.0" }""", "versioning")]
    public void Read_FeatureThisHostLacks_FailsSayingWhy(string durableTask, string reason)
    {
        using var file = HostJsonFile.WithDurableTask(durableTask);

        var error = Assert.Throws<DurableTaskSettingsException>(() => DurableTaskSettingsReader.Read(Configuration(), file.Path));

        Assert.Contains(reason, Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeysWithoutEffectHere_Accepted()
    {
        using var file = HostJsonFile.WithDurableTask("""
            {
              "storageProvider": { "type": "AzureStorage", "trackingStoreNamePrefix": "x" },
              "tracing": { "traceInputsAndOutputs": true, "traceReplayEvents": false },
              "notifications": { "eventGrid": { "topicEndpoint": "https://example.invalid" } },
              "httpSettings": { "defaultAsyncRequestSleepTimeMilliseconds": 30000 },
              "maxEntityOperationBatchSize": 50,
              "useGracefulShutdown": true
            }
            """);

        var settings = DurableTaskSettingsReader.Read(Configuration(), file.Path);

        Assert.Equal(4, settings.PartitionCount);
    }

    [Fact]
    public void Read_MissingFile_FailsNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "host.json");

        var error = Assert.Throws<DurableTaskSettingsException>(() => DurableTaskSettingsReader.Read(Configuration(), path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serverlessops-prod", "serverlessopsprod")]
    [InlineData("1-orders", "t1orders")]
    [InlineData("a", "aHub")]
    public void Read_NoHubName_DerivedFromWebsiteSiteNameAsTheExtensionDoes(string site, string expected)
    {
        using var file = HostJsonFile.WithDurableTask("{}");

        var settings = DurableTaskSettingsReader.Read(Configuration(("WEBSITE_SITE_NAME", site)), file.Path);

        Assert.Equal(expected, settings.HubName);
    }

    [Fact]
    public void Read_TwoReads_EachProcessReaderGetsItsOwnWorkerId()
    {
        using var file = HostJsonFile.WithDurableTask("{}");

        var first = DurableTaskSettingsReader.Read(Configuration(), file.Path).WorkerId;
        var second = DurableTaskSettingsReader.Read(Configuration(), file.Path).WorkerId;

        Assert.NotEqual(first, second);
        Assert.StartsWith($"{Environment.MachineName}-{Environment.ProcessId}-", first, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
