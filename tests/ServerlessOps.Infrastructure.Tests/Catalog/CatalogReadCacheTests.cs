using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Catalog;

/// <summary>
/// The order path's catalog cache on the Cosmos server: "this instance" is a store and reader sharing one cache,
/// "another instance" a store of its own writing the same container.
/// </summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class CatalogReadCacheTests(CosmosServerFixture cosmos) : CatalogTestBase(cosmos)
{
    private const string Brand = "brand-cache";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task WriteOfThisInstance_IsReadAtOnce()
    {
        var (store, reader) = ThisInstance();
        await store.PutItemAsync(Item("CUP-1", "Cup"), "test", Token);
        await store.MergeCostsAsync(Brand, "CUP-1", [Cost("CUP-1", 4.00m)], Token);
        Assert.Equal("Cup", (await reader.GetItemAsync(Brand, "CUP-1", Token))!.Title);
        Assert.Equal(4.00m, Assert.Single(await reader.GetCostsAsync(Brand, "CUP-1", Token)).Amount);

        await store.PutItemAsync(Item("CUP-1", "Cup, blue"), "test", Token);
        await store.MergeCostsAsync(Brand, "CUP-1", [Cost("CUP-1", 4.50m)], Token);

        Assert.Equal("Cup, blue", (await reader.GetItemAsync(Brand, "CUP-1", Token))!.Title);
        Assert.Equal(4.50m, Assert.Single(await reader.GetCostsAsync(Brand, "CUP-1", Token)).Amount);
    }

    [Fact]
    public async Task WriteOfAnotherInstance_IsReadOnceReadCacheSecondsHavePassed()
    {
        var (store, reader) = ThisInstance();
        var other = Store;
        await store.PutItemAsync(Item("CUP-2", "Cup"), "test", Token);
        await store.MergeFeesAsync(Brand, SalesChannel.Walmart, [Fee(15m)], Token);
        await reader.GetItemAsync(Brand, "CUP-2", Token);
        await reader.GetFeesAsync(Brand, SalesChannel.Walmart, Token);

        await other.PutItemAsync(Item("CUP-2", "Cup, renamed elsewhere"), "test", Token);
        await other.MergeFeesAsync(Brand, SalesChannel.Walmart, [Fee(12m)], Token);
        _time.Advance(TimeSpan.FromSeconds(29));
        var kept = await reader.GetItemAsync(Brand, "CUP-2", Token);
        var keptFees = await reader.GetFeesAsync(Brand, SalesChannel.Walmart, Token);
        _time.Advance(TimeSpan.FromSeconds(2));
        var reread = await reader.GetItemAsync(Brand, "CUP-2", Token);
        var rereadFees = await reader.GetFeesAsync(Brand, SalesChannel.Walmart, Token);

        Assert.Equal("Cup", kept!.Title);
        Assert.Equal(15m, Assert.Single(keptFees).Percent);
        Assert.Equal("Cup, renamed elsewhere", reread!.Title);
        Assert.Equal(12m, Assert.Single(rereadFees).Percent);
    }

    [Fact]
    public async Task ChannelSkuMappedByAnotherInstance_IsFoundByTheNextRead()
    {
        var (_, reader) = ThisInstance();
        Assert.Null(await reader.GetListingAsync(Brand, SalesChannel.Shopify, "SH-CUP-3", Token));

        var item = Item("CUP-3", "Cup");
        await Store.PutListingAsync(item, item.Listings[0], "test", Token);

        Assert.Equal("CUP-3", (await reader.GetListingAsync(Brand, SalesChannel.Shopify, "SH-CUP-3", Token))?.Sku);
    }

    [Fact]
    public async Task ListingDeletedByThisInstance_IsNoLongerFound()
    {
        var (store, reader) = ThisInstance();
        var item = Item("CUP-4", "Cup");
        await store.PutListingAsync(item, item.Listings[0], "test", Token);
        Assert.NotNull(await reader.GetListingAsync(Brand, SalesChannel.Shopify, "SH-CUP-4", Token));

        Assert.True(await store.DeleteListingIfMappedToAsync(Brand, SalesChannel.Shopify, "SH-CUP-4", "CUP-4", Token));

        Assert.Null(await reader.GetListingAsync(Brand, SalesChannel.Shopify, "SH-CUP-4", Token));
    }

    [Fact]
    public async Task ReadOvertakenByAWrite_IsNotKept()
    {
        using var cache = Cache(seconds: 30);
        var reads = 0;
        var slowRead = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string?> Read(CancellationToken _) => Interlocked.Increment(ref reads) == 1 ? slowRead.Task : Task.FromResult<string?>("after the write");

        var overtaken = cache.ReadThroughAsync("pk", "doc", Read, Token);
        cache.Forget("pk", "doc");
        slowRead.SetResult("before the write");

        Assert.Equal("before the write", await overtaken);
        Assert.Equal("after the write", await cache.ReadThroughAsync("pk", "doc", Read, Token));
        Assert.Equal("after the write", await cache.ReadThroughAsync("pk", "doc", Read, Token));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task ZeroSeconds_ReadsEveryTime()
    {
        using var cache = Cache(seconds: 0);
        var reads = 0;

        for (var i = 0; i < 3; i++)
        {
            await cache.ReadThroughAsync("pk", "doc", _ => Task.FromResult<string?>($"read {Interlocked.Increment(ref reads)}"), Token);
        }

        Assert.Equal(3, reads);
    }

    private (CatalogStore Store, CachedCatalogReader Reader) ThisInstance()
    {
        var cache = Cache(seconds: 30);
        var store = new CatalogStore(Containers, Options, NullLogger<CatalogStore>.Instance, cache);
        return (store, new CachedCatalogReader(store, cache));
    }

    private CatalogReadCache Cache(int seconds) =>
        new(Microsoft.Extensions.Options.Options.Create(new CatalogOptions { ReadCacheSeconds = seconds }), _time);

    private static CatalogItem Item(string sku, string title) =>
        new(Brand, sku, title, "Kitchen", CatalogItemStatus.Active, "USD", 12m, null, [new ChannelListing(SalesChannel.Shopify, $"SH-{sku}", "main")]);

    private UnitCost Cost(string sku, decimal amount) => new(sku, amount, "USD", _time.GetUtcNow().AddDays(-10), null);

    private FeeRule Fee(decimal percent) => new(SalesChannel.Walmart, "referral", null, FeeScope.PerLine, FeeBasis.Net, percent, 0m, 0m, "USD", _time.GetUtcNow().AddDays(-10), null);
}
