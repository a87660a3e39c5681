using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Brands;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Cosmos;
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
        services.AddSingleton(_ => BrandDirectoryLoader.Load(configuration));
        services.AddSingleton(sp => StorageClients.CreateBlobService(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => StorageClients.CreateQueueService(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<RawDeliveryStore>();
        services.AddSingleton<DeliveryQueues>();
        services.AddSingleton<DeliveryBatcher>();
        services.AddSingleton<OrderConverger>();
        services.AddSingleton<DeliveryRecorder>();
        services.AddSingleton<DeliveryProcessor>();
        services.AddSingleton<DeliveryBatchProcessor>();
        services.AddCosmosStores(configuration);
        services.AddChannelApiClients(configuration);
        services.AddHostedService<IngestionInitializer>();
        return services;
    }
}
