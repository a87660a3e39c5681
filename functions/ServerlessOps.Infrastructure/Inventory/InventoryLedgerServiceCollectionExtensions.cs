using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Infrastructure.Inventory;

public static class InventoryLedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the inventory ledger: <see cref="InventoryLedgerOptions"/> (section <c>InventoryLedger</c>, validated at
    /// start), <see cref="CosmosInventoryLedgerStore"/> as itself and as <see cref="IInventoryLedgerStore"/>, and the
    /// stock adjustments' <see cref="StockAdjustmentKeys"/>, singletons. Needs the Cosmos stores (AddCosmosStores) for <see cref="Cosmos.CosmosContainers"/>.
    /// </summary>
    public static IServiceCollection AddInventoryLedger(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InventoryLedgerOptions>()
            .Bind(configuration.GetSection(InventoryLedgerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CosmosInventoryLedgerStore>();
        services.TryAddSingleton<IInventoryLedgerStore>(sp => sp.GetRequiredService<CosmosInventoryLedgerStore>());
        services.TryAddSingleton<StockAdjustmentKeys>();
        return services;
    }
}
