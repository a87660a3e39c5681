using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

[Collection(SharedCosmosEmulator.Name)]
public sealed class CosmosInventoryEventStoreTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(-7));

    private CosmosInventoryEventStore Store => new(Containers, Options, NullLogger<CosmosInventoryEventStore>.Instance);

    [Fact]
    public async Task Record_SameIdTwice_IsStoredOnce()
    {
        var level = Level("evt-1", "SKU-1", null, 5, Start);

        await Store.RecordAsync(level, Token);
        await Store.RecordAsync(level, Token);

        Assert.Equal([level], await Store.ListAsync("brand-a", "SKU-1", Token));
    }

    [Fact]
    public async Task List_NewestObservedFirst_OnlyThatItemAndBrand()
    {
        await Store.RecordAsync(Level("e-old", "SKU/2", null, 10, Start), Token);
        await Store.RecordAsync(Level("e-new", "SKU/2", null, 7, Start.AddMinutes(30).ToOffset(TimeSpan.Zero)), Token);
        await Store.RecordAsync(Level("e-mid", "SKU/2", null, 8, Start.AddMinutes(10)), Token);
        await Store.RecordAsync(Level("e-other-sku", "SKU-3", null, 1, Start), Token);
        await Store.RecordAsync(Level("e-other-brand", "SKU/2", null, 1, Start) with { BrandId = "brand-b" }, Token);

        var listed = await Store.ListAsync("brand-a", "SKU/2", Token);

        Assert.Equal(["e-new", "e-mid", "e-old"], listed.Select(e => e.Id));
    }

    [Fact]
    public async Task Record_WithoutSku_IsListedUnderChannelItemKey()
    {
        var level = Level("e-item", null, "inv-item-42", 3, Start);

        await Store.RecordAsync(level, Token);

        Assert.Equal([level], await Store.ListAsync("brand-a", ItemKey.For(null, "inv-item-42"), Token));
        Assert.Empty(await Store.ListAsync("brand-a", "inv-item-42", Token));
    }

    private static InventoryLevelEvent Level(string id, string? sku, string? itemId, int available, DateTimeOffset observedAt) =>
        new(id, "brand-a", SalesChannel.Shopify, "shop.myshopify.com", sku, itemId, "location-1", available, observedAt);
}
