using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Tests.Pushes;

/// <summary>
/// The push worker of another instance of the app on the same Cosmos account and queue: it reads the catalog from Cosmos
/// (it kept nothing), and what it reads is not kept in this instance's <see cref="CatalogReadCache"/>.
/// </summary>
internal static class OtherInstanceWorker
{
    public static ListingPushWorker Create(IServiceProvider services)
    {
        var store = new CatalogStore(
            services.GetRequiredService<CosmosContainers>(), services.GetRequiredService<IOptions<CosmosOptions>>(), NullLogger<CatalogStore>.Instance, readCache: null);
        var keepsNothing = new CatalogReadCache(Options.Create(new CatalogOptions { ReadCacheSeconds = 0 }), TimeProvider.System);
        return ActivatorUtilities.CreateInstance<ListingPushWorker>(services, new CachedCatalogReader(store, keepsNothing));
    }
}
