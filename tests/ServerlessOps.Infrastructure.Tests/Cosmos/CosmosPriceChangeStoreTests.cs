using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

[Collection(SharedCosmosEmulator.Name)]
public sealed class CosmosPriceChangeStoreTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private CosmosPriceChangeStore Store => new(Containers, Options, NullLogger<CosmosPriceChangeStore>.Instance);

    [Fact]
    public async Task Record_SameIdTwice_IsStoredOnceWithExactDecimals()
    {
        var change = Price("p-1", PriceKind.BuyBox, 1234567890123.456789m, 0.10m, Start);

        await Store.RecordAsync(change, Token);
        await Store.RecordAsync(change, Token);

        var listed = await Store.ListAsync("brand-a", "ASIN-SKU", Token);
        Assert.Equal([change], listed);
        Assert.Equal("0.10", listed[0].Shipping!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task List_NewestFirst_AcrossKinds()
    {
        await Store.RecordAsync(Price("p-old", PriceKind.OwnListing, 20m, null, Start), Token);
        await Store.RecordAsync(Price("p-new", PriceKind.LowestOffer, 18.99m, 3.99m, Start.AddHours(2)), Token);
        await Store.RecordAsync(Price("p-mid", PriceKind.BuyBox, 19.49m, null, Start.AddHours(1)), Token);

        var listed = await Store.ListAsync("brand-a", "ASIN-SKU", Token);

        Assert.Equal(["p-new", "p-mid", "p-old"], listed.Select(p => p.Id));
        Assert.Equal([PriceKind.LowestOffer, PriceKind.BuyBox, PriceKind.OwnListing], listed.Select(p => p.Kind));
        Assert.Null(listed[1].Shipping);
    }

    private static PriceChange Price(string id, PriceKind kind, decimal price, decimal? shipping, DateTimeOffset observedAt) =>
        new(id, "brand-a", SalesChannel.Amazon, "seller-1", "ASIN-SKU", "B000TEST", kind, price, shipping, "USD", observedAt);
}
