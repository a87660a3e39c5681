using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Infrastructure.Cosmos.Stores;

namespace ServerlessOps.Infrastructure.Cosmos;

public static class CosmosServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Cosmos source of truth from section <c>Cosmos</c>: <see cref="CosmosOptions"/> (validated at
    /// start), one <see cref="CosmosClient"/>, <see cref="CosmosContainers"/>, <see cref="ICosmosInitializer"/>
    /// (the app awaits <c>InitializeAsync</c> once at startup), and the stores behind <see cref="IOrderStore"/>,
    /// <see cref="IChannelEventLog"/>, <see cref="IQuarantineStore"/>, <see cref="IInventoryEventStore"/> and
    /// <see cref="IPriceChangeStore"/>, all singletons (they hold no state but the shared client), and the background move
    /// of orders out of the brand-partitioned layout (<see cref="OrderPartitionMigrationService"/>, <see cref="OrderStoreOptions"/>).
    /// </summary>
    public static IServiceCollection AddCosmosStores(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<CosmosOptions>()
            .Bind(configuration.GetSection(CosmosOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CosmosOptions>, CosmosOptionsValidator>());

        // 429s the SDK could not absorb are counted for the operators when their signals are registered (AddOperatorSignals).
        services.TryAddSingleton(sp => CosmosClientFactory.Create(
            sp.GetRequiredService<IOptions<CosmosOptions>>().Value,
            handlers: sp.GetService<Telemetry.OperatorMetrics>() is { } metrics ? [new Telemetry.CosmosThrottleCounter(metrics)] : null));
        services.TryAddSingleton(sp => new CosmosContainers(
            sp.GetRequiredService<CosmosClient>(),
            sp.GetRequiredService<IOptions<CosmosOptions>>().Value.DatabaseName));
        services.TryAddSingleton<ICosmosInitializer, CosmosInitializer>();

        services.TryAddSingleton<CosmosOrderStore>();
        services.TryAddSingleton<IOrderStore>(sp => sp.GetRequiredService<CosmosOrderStore>());
        services.AddOptions<OrderStoreOptions>().BindConfiguration(OrderStoreOptions.SectionName);
        services.AddHostedService<OrderPartitionMigrationService>();
        services.TryAddSingleton<IChannelEventLog, CosmosChannelEventLog>();
        services.TryAddSingleton<IQuarantineStore, CosmosQuarantineStore>();
        services.TryAddSingleton<IInventoryEventStore, CosmosInventoryEventStore>();
        services.TryAddSingleton<IPriceChangeStore, CosmosPriceChangeStore>();
        return services;
    }
}
