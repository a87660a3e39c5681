namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// Every host.json durableTask key this host knows, by the names the Durable Functions extension documents
/// (https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-bindings#host-json).
/// </summary>
internal static class DurableTaskSettingKeys
{
    private const string StorageProvider = "storageProvider:";

    private static readonly DurableTaskSettingKey[] All =
    [
        DurableTaskSettingKey.Text("hubName", nameof(DurableTaskSettings.HubName), (s, v) => s.HubName = v),
        DurableTaskSettingKey.Text(StorageProvider + "connectionName", nameof(DurableTaskSettings.ConnectionName), (s, v) => s.ConnectionName = v),
        DurableTaskSettingKey.Text(StorageProvider + "connectionStringName", nameof(DurableTaskSettings.ConnectionName), (s, v) => s.ConnectionName = v),
        DurableTaskSettingKey.Integer(StorageProvider + "partitionCount", nameof(DurableTaskSettings.PartitionCount), (s, v) => s.PartitionCount = v),
        DurableTaskSettingKey.Integer(StorageProvider + "controlQueueBatchSize", nameof(DurableTaskSettings.ControlQueueBatchSize), (s, v) => s.ControlQueueBatchSize = v),
        DurableTaskSettingKey.Integer(StorageProvider + "controlQueueBufferThreshold", nameof(DurableTaskSettings.ControlQueueBufferThreshold), (s, v) => s.ControlQueueBufferThreshold = v),
        DurableTaskSettingKey.Duration(StorageProvider + "controlQueueVisibilityTimeout", nameof(DurableTaskSettings.ControlQueueVisibilityTimeout), (s, v) => s.ControlQueueVisibilityTimeout = v),
        DurableTaskSettingKey.Duration(StorageProvider + "workItemQueueVisibilityTimeout", nameof(DurableTaskSettings.WorkItemQueueVisibilityTimeout), (s, v) => s.WorkItemQueueVisibilityTimeout = v),
        DurableTaskSettingKey.Duration(StorageProvider + "maxQueuePollingInterval", nameof(DurableTaskSettings.MaxQueuePollingInterval), (s, v) => s.MaxQueuePollingInterval = v),
        DurableTaskSettingKey.Boolean(StorageProvider + "useTablePartitionManagement", nameof(DurableTaskSettings.UseTablePartitionManagement), (s, v) => s.UseTablePartitionManagement = v),
        DurableTaskSettingKey.Boolean(StorageProvider + "useLegacyPartitionManagement", nameof(DurableTaskSettings.UseLegacyPartitionManagement), (s, v) => s.UseLegacyPartitionManagement = v),
        DurableTaskSettingKey.Boolean(StorageProvider + "fetchLargeMessagesAutomatically", nameof(DurableTaskSettings.FetchLargeMessagesAutomatically), (s, v) => s.FetchLargeMessagesAutomatically = v),
        DurableTaskSettingKey.Boolean(StorageProvider + "allowReplayingTerminalInstances", nameof(DurableTaskSettings.AllowReplayingTerminalInstances), (s, v) => s.AllowReplayingTerminalInstances = v),
        DurableTaskSettingKey.Text(StorageProvider + "queueClientMessageEncoding", nameof(DurableTaskSettings.QueueClientMessageEncoding), (s, v) => s.QueueClientMessageEncoding = v),
        DurableTaskSettingKey.Duration(StorageProvider + "partitionLeaseInterval", nameof(DurableTaskSettings.PartitionLeaseInterval), (s, v) => s.PartitionLeaseInterval = v),
        DurableTaskSettingKey.Duration(StorageProvider + "partitionLeaseAcquireInterval", nameof(DurableTaskSettings.PartitionLeaseAcquireInterval), (s, v) => s.PartitionLeaseAcquireInterval = v),
        DurableTaskSettingKey.Duration(StorageProvider + "partitionLeaseRenewInterval", nameof(DurableTaskSettings.PartitionLeaseRenewInterval), (s, v) => s.PartitionLeaseRenewInterval = v),
        DurableTaskSettingKey.Only(StorageProvider + "type", "AzureStorage", "only the Azure Storage provider runs in the standalone host (Azurite locally)"),
        DurableTaskSettingKey.Boolean("extendedSessionsEnabled", nameof(DurableTaskSettings.ExtendedSessionsEnabled), (s, v) => s.ExtendedSessionsEnabled = v),
        DurableTaskSettingKey.Integer("extendedSessionIdleTimeoutInSeconds", nameof(DurableTaskSettings.ExtendedSessionIdleTimeoutInSeconds), (s, v) => s.ExtendedSessionIdleTimeoutInSeconds = v),
        DurableTaskSettingKey.Integer("maxConcurrentActivityFunctions", nameof(DurableTaskSettings.MaxConcurrentActivityFunctions), (s, v) => s.MaxConcurrentActivityFunctions = v),
        DurableTaskSettingKey.Integer("maxConcurrentOrchestratorFunctions", nameof(DurableTaskSettings.MaxConcurrentOrchestratorFunctions), (s, v) => s.MaxConcurrentOrchestratorFunctions = v),
        DurableTaskSettingKey.Integer("maxConcurrentEntityFunctions", nameof(DurableTaskSettings.MaxConcurrentEntityFunctions), (s, v) => s.MaxConcurrentEntityFunctions = v),
        DurableTaskSettingKey.Boolean("useAppLease", nameof(DurableTaskSettings.UseAppLease), (s, v) => s.UseAppLease = v),
        DurableTaskSettingKey.Text("overridableExistingInstanceStates", nameof(DurableTaskSettings.OverridableExistingInstanceStates), (s, v) => s.OverridableExistingInstanceStates = v),
        DurableTaskSettingKey.Boolean("throwStatusExceptionsOnRaiseEvent", nameof(DurableTaskSettings.ThrowStatusExceptionsOnRaiseEvent), (s, v) => s.ThrowStatusExceptionsOnRaiseEvent = v),

        DurableTaskSettingKey.Ignored("tracing:*", "tracing options shape the extension's own telemetry"),
        DurableTaskSettingKey.Ignored("notifications:*", "Event Grid lifecycle notifications are sent by the extension only"),
        DurableTaskSettingKey.Ignored("httpSettings:*", "the HTTP management API's polling hints belong to the extension"),
        DurableTaskSettingKey.Ignored("appLeaseOptions:*", "app lease timings keep the engine's defaults"),
        DurableTaskSettingKey.Ignored("maxEntityOperationBatchSize", "entities are not hosted here"),
        DurableTaskSettingKey.Ignored("entityMessageReorderWindowInMinutes", "entities are not hosted here"),
        DurableTaskSettingKey.Ignored("rollbackEntityOperationsOnExceptions", "entities are not hosted here"),
        DurableTaskSettingKey.Ignored("useGracefulShutdown", "the standalone host always lets running work finish when it stops"),
        DurableTaskSettingKey.Ignored("maxOrchestrationActions", "the engine's own limit applies"),
        DurableTaskSettingKey.Ignored("storeInputsInOrchestrationHistory", "inputs are kept in the instance table either way"),
        DurableTaskSettingKey.Ignored("localRpcEndpointEnabled", "there is no out-of-process worker channel here"),
        DurableTaskSettingKey.Ignored(StorageProvider + "trackingStoreNamePrefix", "it applies only with a separate tracking store account"),

        DurableTaskSettingKey.Refused(StorageProvider + "trackingStoreConnectionName", "a separate tracking-store account is not supported by the standalone host"),
        DurableTaskSettingKey.Refused(StorageProvider + "trackingStoreConnectionStringName", "a separate tracking-store account is not supported by the standalone host"),
        DurableTaskSettingKey.Refused("defaultVersion", "orchestration versioning is not supported by the standalone host"),
        DurableTaskSettingKey.Refused("versionMatchStrategy", "orchestration versioning is not supported by the standalone host"),
        DurableTaskSettingKey.Refused("versionFailureStrategy", "orchestration versioning is not supported by the standalone host"),
    ];

    /// <summary>The key matching <paramref name="key"/> (a ':'-separated path), or null when this host does not know it.</summary>
    public static DurableTaskSettingKey? Find(string key)
    {
        foreach (var known in All)
        {
            if (known.Key.EndsWith(":*", StringComparison.Ordinal))
            {
                var section = known.Key[..^2];
                if (key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase) || string.Equals(key, section, StringComparison.OrdinalIgnoreCase))
                {
                    return known;
                }
            }
            else if (string.Equals(known.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>The first key that sets <paramref name="property"/>, for messages about a value's range.</summary>
    public static string KeyOf(string property) =>
        All.FirstOrDefault(k => k.Property == property)?.Key ?? property;
}
