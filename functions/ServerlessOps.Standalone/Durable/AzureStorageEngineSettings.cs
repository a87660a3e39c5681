using Azure.Core;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// Maps <see cref="DurableTaskSettings"/> onto the Durable Task Framework's Azure Storage settings the way the Durable
/// Functions extension does (AzureStorageDurabilityProviderFactory), plus what the extension leaves to the platform:
/// a unique worker id and the lease timings.
/// </summary>
public static class AzureStorageEngineSettings
{
    /// <summary>Creates the engine settings.</summary>
    /// <param name="settings">What host.json and the overrides say.</param>
    /// <param name="configuration">App settings, for the storage connection.</param>
    /// <param name="loggerFactory">Where the engine logs (categories <c>DurableTask.AzureStorage</c> and <c>DurableTask.Core</c>).</param>
    /// <param name="configureStorageClient">Optional: adjusts every storage client's options, e.g. adds an <c>HttpPipelinePolicy</c>.</param>
    /// <exception cref="DurableTaskSettingsException">The storage connection is missing or incomplete.</exception>
    public static AzureStorageOrchestrationServiceSettings Create(
        DurableTaskSettings settings,
        IConfiguration configuration,
        ILoggerFactory loggerFactory,
        Action<ClientOptions>? configureStorageClient = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        return new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = StorageConnection.CreateProvider(configuration, settings.ConnectionName, configureStorageClient),
            TaskHubName = settings.HubName,
            AppName = configuration["WEBSITE_SITE_NAME"] ?? settings.HubName,
            WorkerId = settings.WorkerId,
            PartitionCount = settings.PartitionCount,
            ControlQueueBatchSize = settings.ControlQueueBatchSize,
            ControlQueueBufferThreshold = settings.ControlQueueBufferThreshold,
            ControlQueueVisibilityTimeout = settings.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = settings.WorkItemQueueVisibilityTimeout,
            MaxQueuePollingInterval = settings.MaxQueuePollingInterval,
            MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = settings.MaxConcurrentOrchestratorFunctions,
            MaxConcurrentTaskEntityWorkItems = settings.MaxConcurrentEntityFunctions,
            ExtendedSessionsEnabled = settings.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(settings.ExtendedSessionIdleTimeoutInSeconds),
            UseTablePartitionManagement = settings.UseTablePartitionManagement,
            UseLegacyPartitionManagement = settings.UseLegacyPartitionManagement,
            FetchLargeMessageDataEnabled = settings.FetchLargeMessagesAutomatically,
            AllowReplayingTerminalInstances = settings.AllowReplayingTerminalInstances,
            QueueClientMessageEncoding = Enum.Parse<QueueClientMessageEncoding>(settings.QueueClientMessageEncoding, ignoreCase: true),
            UseAppLease = settings.UseAppLease,
            LeaseInterval = settings.PartitionLeaseInterval,
            LeaseAcquireInterval = settings.PartitionLeaseAcquireInterval,
            LeaseRenewInterval = settings.PartitionLeaseRenewInterval,
            // As the extension: a start over an instance in a deduplicated state throws instead of doing nothing.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        };
    }
}
