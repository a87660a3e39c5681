using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Catalog;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>
    /// Registers the brand catalog on the <c>catalog</c> container: <see cref="CatalogOptions"/> (section <c>Catalog</c>,
    /// validated at start), <see cref="CatalogStore"/>, the order path's <see cref="CachedCatalogReader"/> and its
    /// <see cref="CatalogReadCache"/>, <see cref="ICatalogReader"/> (<see cref="CosmosCatalogReader"/>) and
    /// <see cref="CatalogImporter"/>, all singletons. Needs the Cosmos stores (AddCosmosStores); stock-count imports also
    /// need an <see cref="IInventoryLedgerStore"/> (looked up when the importer is first built, so registration order is free), and the review's history kinds an
    /// <see cref="IImportKindPlanner"/> (AddReviewData), and the catalog's listing pushes the <see cref="ListingDirtyMarker"/> (AddInventoryPush).
    /// </summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CatalogReadCache>();
        services.TryAddSingleton<CatalogStore>();
        services.TryAddSingleton<CachedCatalogReader>();
        services.TryAddSingleton<ICatalogReader, CosmosCatalogReader>();
        services.TryAddSingleton(sp => new CatalogImporter(
            sp.GetRequiredService<CatalogStore>(),
            sp.GetService<IInventoryLedgerStore>(),
            sp.GetRequiredService<IOptions<CatalogOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CatalogImporter>>(),
            sp.GetServices<IImportKindPlanner>(),
            sp.GetService<ListingDirtyMarker>()));
        return services;
    }
}
