using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Durable.AzureStorage.Http;

namespace ServerlessOps.Durable.AzureStorage;

/// <summary>Registers the Azure Storage backend with the durable runtime.</summary>
public static class AzureStorageDurableTaskBuilderExtensions
{
    /// <summary>
    /// Uses Azure Storage (or Azurite) for the task hub named by <c>Durable:TaskHubName</c>, with settings bound
    /// from <c>Durable:AzureStorage</c> and then <paramref name="configure"/>. Also registers the
    /// <see cref="StorageRequestCounter"/> the backend's clients count into.
    /// </summary>
    /// <param name="builder">The durable builder from <c>AddDurableTask</c>.</param>
    /// <param name="configure">Optional changes after binding (e.g. a connection string or a credential).</param>
    /// <returns>The builder.</returns>
    public static IDurableTaskBuilder AddAzureStorageTaskHub(this IDurableTaskBuilder builder, Action<AzureStorageTaskHubOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<AzureStorageTaskHubOptions>()
            .BindConfiguration(AzureStorageTaskHubOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.ConnectionString) || (o.TableServiceUri is not null && o.QueueServiceUri is not null && o.BlobServiceUri is not null),
                $"{AzureStorageTaskHubOptions.SectionName}: set ConnectionString, or all of TableServiceUri, QueueServiceUri and BlobServiceUri.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<StorageRequestCounter>();
        builder.Services.TryAddSingleton(sp => new AzureStorageOrchestrationBackend(
            sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value.TaskHubName,
            sp.GetRequiredService<IOptions<AzureStorageTaskHubOptions>>().Value,
            sp.GetRequiredService<StorageRequestCounter>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<AzureStorageOrchestrationBackend>>()));
        return builder.UseBackend(sp => sp.GetRequiredService<AzureStorageOrchestrationBackend>());
    }
}
