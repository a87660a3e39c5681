using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// Resolves a Functions connection name to storage clients the way the Durable extension does: the setting
/// <c>AzureWebJobs{name}</c> or <c>{name}</c> (also under <c>ConnectionStrings</c>) holds either a connection string,
/// or, for an identity-based connection, child settings <c>accountName</c> or <c>blobServiceUri</c>/<c>queueServiceUri</c>/
/// <c>tableServiceUri</c>, with <c>credential=managedidentity</c> and optionally <c>clientId</c>.
/// </summary>
internal static class StorageConnection
{
    /// <summary>Builds the engine's client provider; <paramref name="configureClient"/> may add pipeline policies (e.g. request counting).</summary>
    /// <exception cref="DurableTaskSettingsException">The connection is missing or incomplete.</exception>
    public static StorageAccountClientProvider CreateProvider(IConfiguration configuration, string connectionName, Action<ClientOptions>? configureClient = null)
    {
        var section = Find(configuration, connectionName)
            ?? throw new DurableTaskSettingsException(
                $"Storage connection '{connectionName}' (extensions.durableTask.storageProvider.connectionName) is not configured: set '{connectionName}' " +
                $"to a connection string, or '{connectionName}__accountName' (or __blobServiceUri, __queueServiceUri, __tableServiceUri) for an identity-based connection.");

        var blobOptions = Configure(new BlobClientOptions(), configureClient);
        var queueOptions = Configure(new QueueClientOptions(), configureClient);
        var tableOptions = Configure(new TableClientOptions(), configureClient);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(section.Value, blobOptions),
                StorageServiceClientProvider.ForQueue(section.Value, queueOptions),
                StorageServiceClientProvider.ForTable(section.Value, tableOptions));
        }

        var credential = CreateCredential(section);
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(ServiceUri(section, connectionName, "blob"), credential, blobOptions),
            StorageServiceClientProvider.ForQueue(ServiceUri(section, connectionName, "queue"), credential, queueOptions),
            StorageServiceClientProvider.ForTable(ServiceUri(section, connectionName, "table"), credential, tableOptions));
    }

    /// <summary>Describes the connection without its secrets: "connection string" or "identity (account x)".</summary>
    public static string Describe(IConfiguration configuration, string connectionName) =>
        Find(configuration, connectionName) switch
        {
            null => "missing",
            { Value: { Length: > 0 } } => "connection string",
            var section => $"identity ({section["accountName"] ?? section["blobServiceUri"] ?? "service URIs"}, credential {section["credential"] ?? "default"})",
        };

    /// <summary>The Functions host's lookup order: prefixed name first, then the name itself.</summary>
    internal static IConfigurationSection? Find(IConfiguration configuration, string connectionName)
    {
        foreach (var name in new[] { "AzureWebJobs" + connectionName, connectionName })
        {
            foreach (var section in new[] { configuration.GetSection("ConnectionStrings").GetSection(name), configuration.GetSection(name) })
            {
                if (!string.IsNullOrWhiteSpace(section.Value) || section.GetChildren().Any())
                {
                    return section;
                }
            }
        }

        return null;
    }

    internal static Uri ServiceUri(IConfigurationSection section, string connectionName, string service)
    {
        if (section[service + "ServiceUri"] is { Length: > 0 } explicitUri)
        {
            return Uri.TryCreate(explicitUri, UriKind.Absolute, out var uri)
                ? uri
                : throw new DurableTaskSettingsException($"Setting '{connectionName}__{service}ServiceUri' = '{explicitUri}' is not an absolute URI.");
        }

        if (section["accountName"] is { Length: > 0 } account)
        {
            return new Uri($"https://{account}.{service}.core.windows.net");
        }

        throw new DurableTaskSettingsException(
            $"Identity-based storage connection '{connectionName}' needs '{connectionName}__accountName' or '{connectionName}__{service}ServiceUri'.");
    }

    private static TokenCredential CreateCredential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        if (string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(string.IsNullOrEmpty(clientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    private static T Configure<T>(T options, Action<ClientOptions>? configure)
        where T : ClientOptions
    {
        configure?.Invoke(options);
        return options;
    }
}
