using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Pricing;
using static ServerlessOps.Functions.Tests.Prices.PriceTestApp;

namespace ServerlessOps.Functions.Tests.Prices;

/// <summary>
/// A SKU priced before <see cref="SkuPriceState"/> existed: price-sets and webhooks wrote only its listings' facts
/// (<see cref="ListingPriceFact"/>), as for every SKU right after the deployment that added the version. Its prices and
/// version are read from those facts until its first write creates the document. Real emulators, private stub marketplace.
/// </summary>
public sealed class SetPriceIfMatchBeforeVersionsTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task GetShowsItsListingFactsAtAVersion_AndOnlyThatVersionSets()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "IFM-7", [SalesChannel.Shopify, SalesChannel.Walmart]);
        var setAt = DateTimeOffset.UtcNow.AddDays(-60);
        await WriteFactTheOldWayAsync(app, item, SalesChannel.Shopify, 26.50m, setAt, "price-set by pricing lead");
        await WriteFactTheOldWayAsync(app, item, SalesChannel.Walmart, 27.25m, setAt.AddDays(30), "webhook");

        var seen = await GetPricesAsync(app, item.Sku);

        Assert.Equal(
            [("Shopify", 26.50m, "USD", setAt, "price-set by pricing lead"), ("Walmart", 27.25m, "USD", setAt.AddDays(30), "webhook")],
            seen.Body.Items("listings").Select(l => (l.Str("channel"), l.Dec("price"), l.Str("currency"), l.GetProperty("at").GetDateTimeOffset(), l.Str("source"))).ToArray());
        Assert.NotEqual("\"none\"", seen.ETag);

        // "none" says "no price was ever set", which is not true of this SKU.
        using (var none = await SetPriceAsync(app, item.Sku, Body(24.99m, "shopify"), "\"none\""))
        {
            await Problem.AssertOfTypeAsync(none, HttpStatusCode.PreconditionFailed, "precondition-failed", "Shopify", "26.50", "price-set by pricing lead");
        }

        Assert.Empty(stub.PriceSets(SalesChannel.Shopify));
        Assert.Equal(seen.ETag, (await GetPricesAsync(app, item.Sku)).ETag);

        using var set = await SetPriceAsync(app, item.Sku, Body(24.99m, "shopify"), seen.ETag);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Single(stub.PriceSets(SalesChannel.Shopify));
        var after = await GetPricesAsync(app, item.Sku);
        Assert.Equal(set.Headers.ETag?.Tag, after.ETag);
        Assert.Equal(
            [("Shopify", 24.99m), ("Walmart", 27.25m)],
            after.Body.Items("listings").Select(l => (l.Str("channel"), l.Dec("price"))).ToArray());
    }

    [Fact]
    public async Task AWebhookPriceRecordedAfterTheGet_MakesThatVersionStale()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "IFM-8", [SalesChannel.Shopify]);
        var setAt = DateTimeOffset.UtcNow.AddDays(-60);
        await WriteFactTheOldWayAsync(app, item, SalesChannel.Shopify, 26.50m, setAt, "price-set by pricing lead");
        var seen = await GetPricesAsync(app, item.Sku);

        // The channel changed the price; its webhook's fact is written as before versions (no SkuPriceState document).
        await WriteFactTheOldWayAsync(app, item, SalesChannel.Shopify, 28.00m, setAt.AddDays(1), "webhook");

        foreach (var version in new[] { seen.ETag, "\"none\"" })
        {
            using var stale = await SetPriceAsync(app, item.Sku, Body(24.99m, "shopify"), version);
            await Problem.AssertOfTypeAsync(stale, HttpStatusCode.PreconditionFailed, "precondition-failed", "Shopify", "28.00", "webhook");
        }

        Assert.Empty(stub.PriceSets(SalesChannel.Shopify));
        var now = await GetPricesAsync(app, item.Sku);
        Assert.NotEqual(seen.ETag, now.ETag);
        Assert.Equal(28.00m, Assert.Single(now.Body.Items("listings")).Dec("price"));
    }

    [Fact]
    public async Task ManyFirstClaimsOnItsVersionAtOnce_ExactlyOneWins_AndKeepsTheFacts()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "IFM-9", [SalesChannel.Amazon]);
        await WriteFactTheOldWayAsync(app, item, SalesChannel.Amazon, 26.50m, DateTimeOffset.UtcNow.AddDays(-60), "webhook");
        var store = app.Services.GetRequiredService<SkuPriceStateStore>();
        var version = (await store.ReadAsync(Brand, item.Sku, "USD", Token)).ETag;

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.ClaimAsync(
            Brand, item.Sku, [version], new SkuPriceSetMark(20m + i, "USD", ["amazon"], $"caller {i}", DateTimeOffset.UtcNow), Token)));

        var won = Assert.Single(claims, c => c.Won);
        var stored = await store.ReadAsync(Brand, item.Sku, "USD", Token);
        Assert.Equal(won.ETag, stored.ETag);
        Assert.Equal(26.50m, Assert.Single(stored.Value.Listings).Price);
        Assert.NotNull(stored.Value.LastSet);
    }

    [Fact]
    public async Task AWebhookPriceCreatesItsDocument_WithEveryListingsFact()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "IFM-10", [SalesChannel.Shopify, SalesChannel.Walmart]);
        await WriteFactTheOldWayAsync(app, item, SalesChannel.Walmart, 27.25m, DateTimeOffset.UtcNow.AddDays(-60), "price-set by pricing lead");

        // The webhook's fact is advanced before the version moves, so the state read from the facts already holds it. The
        // document is created all the same: were it not, a claim that read the facts before this webhook could create it
        // without this price, and nothing would ever write it there.
        await app.Services.GetRequiredService<ObservedPriceGuard>().CheckAsync(
            new ObservedPrice(Brand, SalesChannel.Shopify, Listing(item, SalesChannel.Shopify).ChannelSku, null, 27.00m, null, "webhook", DateTimeOffset.UtcNow), Token);

        var stored = await app.Services.GetRequiredService<SkuPriceStateStore>().ReadAsync(Brand, item.Sku, "USD", Token);
        Assert.NotNull(stored.Value.ETag);
        Assert.DoesNotContain(SkuPriceState.FactsVersionPrefix, stored.ETag, StringComparison.Ordinal);
        Assert.Equal(
            [(SalesChannel.Shopify, 27.00m, "webhook"), (SalesChannel.Walmart, 27.25m, "price-set by pricing lead")],
            stored.Value.Listings.Select(l => (l.Channel, l.Price, l.Source)).OrderBy(l => l.Channel).ToArray());
    }

    /// <summary>A listing's price fact as price-sets and webhooks wrote it before <see cref="SkuPriceState"/> existed: the fact alone.</summary>
    private static async Task WriteFactTheOldWayAsync(TestApp app, CatalogItem item, SalesChannel channel, decimal price, DateTimeOffset at, string source)
    {
        var fact = ListingPriceFact.For(Brand, item.Sku, channel, Listing(item, channel).ChannelSku, price, at, source);
        Assert.Null(await app.Services.GetRequiredService<ListingPriceFactStore>().AdvanceAsync(fact, Token));
    }
}
