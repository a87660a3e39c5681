using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Pricing;
using static ServerlessOps.Functions.Tests.Prices.PriceTestApp;

namespace ServerlessOps.Functions.Tests.Prices;

/// <summary>
/// Optimistic concurrency of a SKU's price: <c>GET …/catalog/{sku}/price</c> and every price-set answer carry the
/// version as <c>ETag</c>; a price-set sending <c>If-Match</c> only proceeds while that is still the version. Real
/// emulators and a private stub marketplace that records every price call it receives.
/// </summary>
public sealed class SetPriceIfMatchTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task SetWithAStaleIfMatch_Is412NamingTheCurrentPrice_AndNothingIsPushedOrRecorded()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "IFM-1", [SalesChannel.Shopify, SalesChannel.Walmart]);
        var seen = await GetPricesAsync(app, item.Sku);
        using (var first = await SetPriceAsync(app, item.Sku, Body(24.99m, "shopify")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // Below the floor with an override: a set that got through would push and write the override audit.
        using var stale = await SetPriceAsync(app, item.Sku, new
        {
            price = 18.50m,
            currency = "USD",
            channels = new[] { "shopify", "walmart" },
            @override = new { reason = "Clearance agreed with the brand owner" },
        }, seen.ETag);

        await Problem.AssertOfTypeAsync(stale, HttpStatusCode.PreconditionFailed, "precondition-failed", "IFM-1", "Shopify", "24.99", "price-set by", "nothing was pushed");
        Assert.Single(stub.PriceSets(SalesChannel.Shopify));
        Assert.Empty(stub.PriceSets(SalesChannel.Walmart));
        Assert.Equal(24.99m, stub.PricedAt(SalesChannel.Shopify, PriceKey(Listing(item, SalesChannel.Shopify))));
        Assert.Empty((await app.Client.GetOkBodyAsync($"api/brands/{Brand}/price-overrides")).Items("overrides"));
    }

    [Fact]
    public async Task SetWithTheCurrentETag_IsPushed_AndAnswersTheNewVersionTheGetShows()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "IFM-2", [SalesChannel.Shopify, SalesChannel.Amazon]);
        var before = await GetPricesAsync(app, item.Sku);

        using var response = await SetPriceAsync(app, item.Sku, Body(24.99m, "shopify", "amazon"), before.ETag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answered = response.Headers.ETag?.Tag;
        Assert.False(string.IsNullOrEmpty(answered), "The price-set answer carries no ETag.");
        Assert.NotEqual(before.ETag, answered);
        var after = await GetPricesAsync(app, item.Sku);
        Assert.Equal(answered, after.ETag);
        Assert.Equal(
            [("Amazon", 24.99m), ("Shopify", 24.99m)],
            after.Body.Items("listings").Select(l => (l.Str("channel"), l.Dec("price"))).OrderBy(l => l.Item1, StringComparer.Ordinal).ToArray());
        Assert.All(after.Body.Items("listings"), l => Assert.StartsWith("price-set by ", l.Str("source"), StringComparison.Ordinal));

        // The version answered is the one to send next.
        using var next = await SetPriceAsync(app, item.Sku, Body(25.49m, "amazon"), answered);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(25.49m, stub.PricedAt(SalesChannel.Amazon, PriceKey(Listing(item, SalesChannel.Amazon))));
    }

    [Fact]
    public async Task TwoSetsRacingWithTheSameIfMatch_OneIsPushedAndTheOtherIs412_EveryRound()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "IFM-3", [SalesChannel.Walmart]);

        // The first round races from no version stored at all (a conditional create), the others over a stored one.
        for (var round = 0; round < 4; round++)
        {
            var seen = await GetPricesAsync(app, item.Sku);
            var pushedBefore = stub.PriceSets(SalesChannel.Walmart).Count;

            var answers = await Task.WhenAll(
                SetPriceAsync(app, item.Sku, Body(24.00m + round, "walmart"), seen.ETag),
                SetPriceAsync(app, item.Sku, Body(30.00m + round, "walmart"), seen.ETag));

            try
            {
                var statuses = answers.Select(a => (int)a.StatusCode).Order().ToArray();
                Assert.True(statuses is [200, 412], $"Round {round}: {string.Join(", ", statuses)}");
                var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
                var price = (await winner.Content.ReadFromJsonAsync<JsonElement>(Token)).Dec("price");
                Assert.Equal(pushedBefore + 1, stub.PriceSets(SalesChannel.Walmart).Count);
                Assert.Equal(price, stub.PricedAt(SalesChannel.Walmart, PriceKey(Listing(item, SalesChannel.Walmart))));
            }
            finally
            {
                foreach (var answer in answers)
                {
                    answer.Dispose();
                }
            }
        }
    }

    [Fact]
    public async Task SetsWithoutIfMatch_ArePushedAsBefore_AndEachAnswersAVersion()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "IFM-4", [SalesChannel.TikTokShop]);

        using var first = await SetPriceAsync(app, item.Sku, Body(24.99m, "tiktok"));
        using var second = await SetPriceAsync(app, item.Sku, Body(26.99m, "tiktok"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, stub.PriceSets(SalesChannel.TikTokShop).Count);
        Assert.Equal(26.99m, stub.PricedAt(SalesChannel.TikTokShop, PriceKey(Listing(item, SalesChannel.TikTokShop))));
        Assert.NotEqual(first.Headers.ETag?.Tag, second.Headers.ETag?.Tag);
        Assert.Equal(second.Headers.ETag?.Tag, (await GetPricesAsync(app, item.Sku)).ETag);
    }

    [Fact]
    public async Task PriceSeenInAWebhook_ChangesTheVersion_SoASetDecidedBeforeItIs412()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "IFM-5", [SalesChannel.Shopify]);
        var seen = await GetPricesAsync(app, item.Sku);

        // Someone changed the price in the Shopify admin; its products/update webhook arrives.
        var shopify = Listing(item, SalesChannel.Shopify);
        await app.Services.GetRequiredService<ObservedPriceGuard>().CheckAsync(
            new ObservedPrice(Brand, SalesChannel.Shopify, shopify.ChannelSku, null, 27.00m, null, "webhook", DateTimeOffset.UtcNow), Token);

        using var stale = await SetPriceAsync(app, item.Sku, Body(24.99m, "shopify"), seen.ETag);

        await Problem.AssertOfTypeAsync(stale, HttpStatusCode.PreconditionFailed, "precondition-failed", "Shopify", "27.00", "webhook");
        Assert.Empty(stub.PriceSets(SalesChannel.Shopify));
        var now = await GetPricesAsync(app, item.Sku);
        Assert.Equal(27.00m, Assert.Single(now.Body.Items("listings")).Dec("price"));
    }

    [Fact]
    public async Task ManyClaimsOnTheSameVersionAtOnce_ExactlyOneWins_EachTime()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var store = app.Services.GetRequiredService<SkuPriceStateStore>();

        // Eight at once, so that several read the same version before any writes: only Cosmos DB's conditional write
        // (create from "none", then replace under the ETag) can keep more than one from winning.
        for (var round = 0; round < 3; round++)
        {
            var version = (await store.ReadAsync(Brand, "IFM-6", "USD", Token)).ETag;
            var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.ClaimAsync(
                Brand, "IFM-6", [version], new SkuPriceSetMark(20m + i, "USD", ["shopify"], $"caller {i}", DateTimeOffset.UtcNow), Token)));

            var won = Assert.Single(claims, c => c.Won);
            Assert.Equal(won.ETag, (await store.ReadAsync(Brand, "IFM-6", "USD", Token)).ETag);
            Assert.All(claims.Where(c => !c.Won), c => Assert.NotEqual(version, c.ETag));
        }
    }
}
