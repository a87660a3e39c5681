using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Registry;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Ingestion;

/// <summary>Registers the webhook ingestion path: brands, raw delivery storage, queue, stores, channel APIs, processor.</summary>
public static class IngestionServiceCollectionExtensions
{
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EdgeWriteGate>();
        AddStorage(services, StorageProfile.Background);
        AddStorage(services, StorageProfile.Edge);
        services.AddSingleton<DeliveryBundler>();
        services.AddSingleton<OrderConverger>();
        services.AddSingleton<DeliveryRecorder>();
        services.AddSingleton<DeliveryProcessor>();
        services.AddSingleton<ProcessingBudget>();
        services.AddSingleton<DeliveryBatchProcessor>();
        services.AddCosmosStores(configuration);

        // Brands and accounts come from the registry (seeded from the Brands settings), before the channel clients
        // so their outbound credentials do too.
        services.AddBrandRegistry();
        services.AddChannelApiClients(configuration);
        services.AddHostedService<IngestionInitializer>();
        return services;
    }

    /// <summary>
    /// Blob and queue clients, raw delivery store, bundles and delivery queues of one <see cref="StorageProfile"/>.
    /// Background ones are the unkeyed default; the webhook edge asks for its fail-fast ones by key.
    /// </summary>
    private static void AddStorage(IServiceCollection services, StorageProfile profile)
    {
        var key = profile == StorageProfile.Background ? null : (object)profile;
        services.AddKeyedSingleton(key, (sp, _) => StorageClients.CreateBlobService(sp.GetRequiredService<IOptions<StorageOptions>>().Value, profile));
        services.AddKeyedSingleton(key, (sp, _) => StorageClients.CreateQueueService(sp.GetRequiredService<IOptions<StorageOptions>>().Value, profile));
        services.AddKeyedSingleton(key, (sp, _) => new RawDeliveryStore(sp.GetRequiredKeyedService<BlobServiceClient>(key), sp.GetRequiredService<IOptions<IngestionOptions>>()));
        services.AddKeyedSingleton(key, (sp, _) => new RawDeliveryBundles(sp.GetRequiredKeyedService<BlobServiceClient>(key), sp.GetRequiredService<IOptions<IngestionOptions>>()));
        services.AddKeyedSingleton(key, (sp, _) => new DeliveryQueues(sp.GetRequiredKeyedService<QueueServiceClient>(key), sp.GetRequiredService<IOptions<IngestionOptions>>()));
    }
}
