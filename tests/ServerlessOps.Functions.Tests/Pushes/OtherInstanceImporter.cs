using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Tests.Pushes;

/// <summary>
/// The catalog importer of another instance of the app on the same Cosmos account and queue: its writes do not make this
/// instance's <see cref="CatalogReadCache"/> forget anything, as on two Functions instances.
/// </summary>
internal static class OtherInstanceImporter
{
    public static CatalogImporter Create(IServiceProvider services)
    {
        var store = new CatalogStore(
            services.GetRequiredService<CosmosContainers>(), services.GetRequiredService<IOptions<CosmosOptions>>(), NullLogger<CatalogStore>.Instance, readCache: null);
        var marker = ActivatorUtilities.CreateInstance<ListingDirtyMarker>(services, new MarkedListings());
        return new CatalogImporter(
            store, services.GetRequiredService<IInventoryLedgerStore>(), services.GetRequiredService<IOptions<CatalogOptions>>(), TimeProvider.System,
            NullLogger<CatalogImporter>.Instance, pushes: marker);
    }
}
