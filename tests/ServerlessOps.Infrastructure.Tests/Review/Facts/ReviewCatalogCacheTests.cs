using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Serialization;
using ServerlessOps.Infrastructure.Review.Facts;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Review.Facts;

/// <summary>The review's catalog cache on the catalog container of the Cosmos server, counting the point reads it costs.</summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class ReviewCatalogCacheTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private const string Brand = "brand-a";

    private static readonly DateTimeOffset ClosedAt = new(2026, 11, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FeesNowAndAsKnownAtCloses_AreOneReadOfTheChannelsFeeSchedule()
    {
        var store = new CatalogStore(Containers, Options, NullLogger<CatalogStore>.Instance);
        await store.MergeFeesAsync(Brand, SalesChannel.Shopify, [Fee(10m)], ClosedAt.AddDays(-30), Token);
        await store.MergeFeesAsync(Brand, SalesChannel.Shopify, [Fee(8m)], ClosedAt.AddDays(5), Token);
        var reads = new CosmosPointReads((path, _) => path.Contains("/docs/fees|shopify", StringComparison.Ordinal));
        using var client = ClientThrough(reads);
        var counted = new CatalogStore(new CosmosContainers(client, Containers.DatabaseName), Options, NullLogger<CatalogStore>.Instance);
        var cache = new ReviewCatalogCache(new CatalogStoreReviewCatalog(counted), Brand);

        var now = await cache.FeesAsync(SalesChannel.Shopify, Token);
        var atClose = await cache.FeesKnownAtAsync(SalesChannel.Shopify, ClosedAt, Token);
        var atLaterClose = await cache.FeesKnownAtAsync(SalesChannel.Shopify, ClosedAt.AddDays(30), Token);

        Assert.Equal((8m, 10m, 8m), (Assert.Single(now).Percent, Assert.Single(atClose).Percent, Assert.Single(atLaterClose).Percent));
        Assert.Equal(1, reads.Count);
    }

    private static FeeRule Fee(decimal percent) =>
        new(SalesChannel.Shopify, "transaction", null, FeeScope.PerLine, FeeBasis.Net, percent, 0m, 0m, "USD", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), null);

    private CosmosClient ClientThrough(RequestHandler handler) => Cosmos.CreateClient(new CosmosClientOptions
    {
        Serializer = new CosmosSystemTextJsonSerializer(CosmosJson.Options),
        CustomHandlers = { handler, new EmulatorCompatibilityHandler() },
    });
}
