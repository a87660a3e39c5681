using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Pricing;
using static ServerlessOps.Functions.Tests.Prices.PriceTestApp;

namespace ServerlessOps.Functions.Tests.Prices;

/// <summary>
/// POST /api/brands/{brandId}/catalog/{sku}/price on the real emulators and a private stub marketplace whose price
/// endpoints record the last price per listing. Floor 20.00 on every channel (no fees imported).
/// </summary>
public sealed class SetPriceTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task PassingPrice_IsPushedToEachChosenChannel_AndTheStubHoldsIt()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "SET-1", AllChannels);

        using var response = await SetPriceAsync(app, item.Sku, new { price = 24.99m, currency = "USD", channels = new[] { "shopify", "amazon", "walmart", "tiktok" } });

        var body = await OkAsync(response);
        Assert.Equal((4, 0), (body.Number("pushed"), body.Number("failed")));
        Assert.All(body.Items("listings"), l => Assert.Equal(("pushed", false), (l.Str("outcome"), l.GetProperty("overridden").GetBoolean())));
        Assert.All(body.Items("checks"), c => Assert.Equal((20.00m, 0), (c.Dec("floor"), c.GetProperty("breaches").GetArrayLength())));
        Assert.All(item.Listings, l => Assert.Equal(24.99m, stub.PricedAt(l.Channel, PriceKey(l))));
        Assert.Contains("not yet live", body.Items("listings").Single(l => l.Str("channel") == "Amazon").Str("note"), StringComparison.Ordinal);
        Assert.Empty((await app.Client.GetOkBodyAsync($"api/brands/{Brand}/price-overrides")).Items("overrides"));
    }

    [Fact]
    public async Task PriceBelowFloorWithoutOverride_Is422NamingChannelFloorAndPrice_AndNothingIsPushed()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "SET-2", AllChannels);

        using var response = await SetPriceAsync(app, item.Sku, new { price = 18.50m, currency = "USD", channels = new[] { "amazon", "walmart" } });

        var detail = await Problem.AssertOfTypeAsync(response, HttpStatusCode.UnprocessableEntity, "price-guardrail-breach", "on Amazon the price 18.50 is below the floor 20.00", "on Walmart the price 18.50 is below the floor 20.00", "Nothing was pushed");
        Assert.NotEmpty(detail);
        Assert.All(AllChannels, c => Assert.Empty(stub.PriceSets(c)));
        Assert.Empty((await app.Client.GetOkBodyAsync($"api/brands/{Brand}/price-overrides")).Items("overrides"));
    }

    [Fact]
    public async Task PriceBelowFloorWithOverrideAndReason_IsPushedToTheChosenChannelsOnly_AndAudited()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "SET-3", AllChannels);

        using var response = await SetPriceAsync(app, item.Sku, new
        {
            price = 18.50m,
            currency = "USD",
            channels = new[] { "shopify", "tiktok" },
            @override = new { reason = "Clearance agreed with the brand owner" },
        });

        var body = await OkAsync(response);
        Assert.Equal((2, 0), (body.Number("pushed"), body.Number("failed")));
        Assert.Equal(18.50m, stub.PricedAt(SalesChannel.Shopify, PriceKey(Listing(item, SalesChannel.Shopify))));
        Assert.Equal(18.50m, stub.PricedAt(SalesChannel.TikTokShop, PriceKey(Listing(item, SalesChannel.TikTokShop))));
        Assert.Empty(stub.PriceSets(SalesChannel.Amazon));
        Assert.Empty(stub.PriceSets(SalesChannel.Walmart));

        var entry = Assert.Single((await app.Client.GetOkBodyAsync($"api/brands/{Brand}/price-overrides?sku={item.Sku}")).Items("overrides"));
        Assert.Equal((item.Sku, 18.50m, "Clearance agreed with the brand owner"), (entry.Str("sku"), entry.Dec("price"), entry.Str("reason")));
        Assert.False(string.IsNullOrWhiteSpace(entry.Str("by")));
        Assert.True(entry.Time("at") > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(
            [("Shopify", 20.00m, "below-floor"), ("TikTokShop", 20.00m, "below-floor")],
            entry.Items("channels").Select(c => (c.Str("channel"), c.Dec("floor"), c.Str("breach"))).ToArray());

        // The price a person pushed with an override is not alerted when the channel shows it back.
        var seen = await app.Services.GetRequiredService<ObservedPriceGuard>().CheckAsync(
            item, Listing(item, SalesChannel.Shopify), 18.50m, "USD", "read-back", DateTimeOffset.UtcNow, Token);
        Assert.Equal("overridden", seen.Result);
        Assert.Empty(await AlertsAsync(app, "price-below-floor"));
    }

    [Fact]
    public async Task OverrideWithoutAReason_Is400_AndNothingIsPushed()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "SET-4", AllChannels);

        using var response = await SetPriceAsync(app, item.Sku, new { price = 18.50m, currency = "USD", channels = new[] { "walmart" }, @override = new { reason = "  " } });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "override.reason", "needs a reason");
        Assert.All(AllChannels, c => Assert.Empty(stub.PriceSets(c)));
        Assert.Empty((await app.Client.GetOkBodyAsync($"api/brands/{Brand}/price-overrides")).Items("overrides"));
    }

    [Fact]
    public async Task ChannelFailing_DoesNotHideTheOthersResults()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "SET-5", [SalesChannel.Walmart, SalesChannel.Amazon]);
        stub.FailNext(SalesChannel.Walmart, 20, 400);

        using var response = await SetPriceAsync(app, item.Sku, new { price = 22m, currency = "USD", channels = new[] { "walmart", "amazon" } });

        var body = await OkAsync(response);
        Assert.Equal((1, 1), (body.Number("pushed"), body.Number("failed")));
        var walmart = body.Items("listings").Single(l => l.Str("channel") == "Walmart");
        Assert.Equal("failed", walmart.Str("outcome"));
        Assert.Contains("400", walmart.Str("error"), StringComparison.Ordinal);
        Assert.Equal(22m, stub.PricedAt(SalesChannel.Amazon, PriceKey(Listing(item, SalesChannel.Amazon))));
        Assert.Null(stub.PricedAt(SalesChannel.Walmart, PriceKey(Listing(item, SalesChannel.Walmart))));
    }

    [Fact]
    public async Task OverrideOfAPriceWhoseBelowFloorAlertIsOpen_ResolvesTheAlertWithTheReasonAndWhoOverrode()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "SET-6", [SalesChannel.Shopify]);
        var seen = await app.Services.GetRequiredService<ObservedPriceGuard>().CheckAsync(
            item, Listing(item, SalesChannel.Shopify), 18.50m, "USD", "read-back", DateTimeOffset.UtcNow, Token);
        Assert.Equal("below-floor", seen.Result);
        Assert.Equal("Open", Assert.Single(await AlertsAsync(app, "price-below-floor")).Str("state"));

        using var response = await SetPriceAsync(app, item.Sku, new
        {
            price = 18.50m,
            currency = "USD",
            channels = new[] { "shopify" },
            @override = new { reason = "Clearance agreed with the brand owner" },
        });

        await OkAsync(response);
        var entry = Assert.Single((await app.Client.GetOkBodyAsync($"api/brands/{Brand}/price-overrides?sku={item.Sku}")).Items("overrides"));
        var alert = Assert.Single(await AlertsAsync(app, "price-below-floor"));
        Assert.Equal(("Resolved", entry.Str("by")), (alert.Str("state"), alert.Str("resolvedBy")));
        Assert.Contains("Clearance agreed with the brand owner", alert.Str("resolution"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PassingPricePushedOverAnOpenBelowFloorAlert_ResolvesTheAlertInThePushersNameWithThePrice()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "SET-8", [SalesChannel.Shopify, SalesChannel.Walmart]);
        var guard = app.Services.GetRequiredService<ObservedPriceGuard>();
        foreach (var channel in new[] { SalesChannel.Shopify, SalesChannel.Walmart })
        {
            Assert.Equal("below-floor", (await guard.CheckAsync(item, Listing(item, channel), 18.50m, "USD", "read-back", DateTimeOffset.UtcNow, Token)).Result);
        }

        using var response = await SetPriceAsync(app, item.Sku, new { price = 24.99m, currency = "USD", channels = new[] { "shopify" } });

        await OkAsync(response);
        var alerts = await AlertsAsync(app, "price-below-floor");
        var shopify = alerts.Single(a => a.GetProperty("subject").Str("id") == $"shopify:{item.Sku}");
        Assert.Equal("Resolved", shopify.Str("state"));
        Assert.False(string.IsNullOrWhiteSpace(shopify.Str("resolvedBy")));
        Assert.Contains("24.99 USD", shopify.Str("resolution"), StringComparison.Ordinal);
        // Walmart was not chosen: its listing still shows the price below the floor.
        Assert.Equal("Open", alerts.Single(a => a.GetProperty("subject").Str("id") == $"walmart:{item.Sku}").Str("state"));
    }

    [Fact]
    public async Task ChannelAnsweringAnUnreadableBody_IsFailedWithItsReason_BesideTheChannelsThatTookThePrice()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "SET-7", [SalesChannel.Walmart, SalesChannel.Shopify]);
        stub.AnswerShopifyPricesWith("<html><body>Down for maintenance</body></html>");

        using var response = await SetPriceAsync(app, item.Sku, new { price = 22m, currency = "USD", channels = new[] { "walmart", "shopify" } });

        var body = await OkAsync(response);
        Assert.Equal((1, 1), (body.Number("pushed"), body.Number("failed")));
        var shopify = body.Items("listings").Single(l => l.Str("channel") == "Shopify");
        Assert.Equal("failed", shopify.Str("outcome"));
        Assert.Contains("could not be read", shopify.Str("error"), StringComparison.Ordinal);
        Assert.Equal(22m, stub.PricedAt(SalesChannel.Walmart, PriceKey(Listing(item, SalesChannel.Walmart))));
    }

    [Fact]
    public async Task PriceInTheItemsCurrencyForAnAmazonListingOnAnotherCurrencysMarketplace_Is400NamingTheListing_AndNothingIsPushed()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "SET-9", [SalesChannel.Walmart]);
        // The same USD item also listed on amazon.ca, whose prices are in Canadian dollars.
        var canada = new ChannelListing(SalesChannel.Amazon, "SET-9-CA", StockLocations.Main, MarketplaceId: "A2EUQ1WTGCTBG2");
        item = item with { Listings = [.. item.Listings, canada] };
        var catalog = app.Services.GetRequiredService<CatalogStore>();
        await catalog.PutItemAsync(item, "test", Token);
        await catalog.PutListingAsync(item, canada, "test", Token);

        using var response = await SetPriceAsync(app, item.Sku, new { price = 24.99m, currency = "USD", channels = new[] { "walmart", "amazon" } });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "channels[1]", "SET-9-CA", "A2EUQ1WTGCTBG2", "CAD");
        Assert.All(AllChannels, c => Assert.Empty(stub.PriceSets(c)));
    }

    [Fact]
    public async Task PriceWithCentsInACurrencyWithoutMinorUnits_Is400NamingThePrice_AndNothingIsPushed()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var listing = new ChannelListing(SalesChannel.Amazon, "SET-10-A", StockLocations.Main, MarketplaceId: "A1VC38T7YXB528");
        var item = new CatalogItem(Brand, "SET-10", "Item SET-10", null, CatalogItemStatus.Active, "JPY", 2500m, 1500m, [listing]);
        var catalog = app.Services.GetRequiredService<CatalogStore>();
        await catalog.PutItemAsync(item, "test", Token);
        await catalog.PutListingAsync(item, listing, "test", Token);

        using var response = await SetPriceAsync(app, item.Sku, new { price = 1999.50m, currency = "JPY", channels = new[] { "amazon" } });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "price", "JPY", "1999.50");
        Assert.Empty(stub.PriceSets(SalesChannel.Amazon));
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
