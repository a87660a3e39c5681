using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Pricing;
using static ServerlessOps.Functions.Tests.Prices.PriceTestApp;

namespace ServerlessOps.Functions.Tests.Prices;

/// <summary>
/// Our own price seen on a channel goes through the pricing guardrail (Infrastructure/Pricing/ObservedPriceGuard), on
/// the real emulators: a Shopify <c>products/update</c> webhook through ingestion, or the guard called as the drift
/// read-back calls it. Floor 20.00 (MAP 15, cost 17, margin floor 15 %). Velocity is the channel's reservations over
/// the 14-day window: 7 units reserved by Shopify orders = 0.5 a day (5 by Amazon orders do not count on Shopify).
/// </summary>
public sealed class ObservedPriceGuardTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task OwnPriceBelowFloorInAShopifyProductUpdate_AlertsThePricingOwnerOnceWithTheMoneyPerDayToTheCent()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        // Notifications on (to a URL the stub does not serve: requested is what counts here), so "notified once" is observable.
        await using var app = Start(fixture, stub, new Dictionary<string, string> { ["Alerts:WebhookUrl"] = stub.BaseUrl + "chat/incoming" });
        var item = await PutItemAsync(app, "OBS-1", [SalesChannel.Shopify, SalesChannel.Amazon]);
        await SellAsync(app, item.Sku);

        await SendProductUpdateAsync(app, "OBS-1-S", 18.37m);

        // (20.00 − 18.37) × 0.5 a day = 0.815 → 0.82 (rounded once, midpoint away from zero).
        var alert = Assert.Single(await AlertsAsync(app, "price-below-floor"));
        Assert.Equal(("listing", "shopify:OBS-1", "Pricing", Accounts.BrandOwner, "shopify", "Open"),
            (alert.GetProperty("subject").Str("type"), alert.GetProperty("subject").Str("id"), alert.Str("signal"), alert.Str("owner"), alert.Str("channel"), alert.Str("state")));
        Assert.Equal((0.82m, "USD"), (alert.GetProperty("moneyAtStake").Dec("amount"), alert.GetProperty("moneyAtStake").Str("currency")));
        var evidence = alert.GetProperty("evidence");
        Assert.Equal(("18.37", "20.00", "0.5", "webhook"), (evidence.Str("price"), evidence.Str("floor"), evidence.Str("unitsPerDay"), evidence.Str("source")));
        Assert.Contains("0.82 USD a day", alert.Str("message"), StringComparison.Ordinal);
        Assert.Empty(await AlertsAsync(app, "contribution-negative"));

        await SendProductUpdateAsync(app, "OBS-1-S", 18.37m);

        Assert.Single(await AlertsAsync(app, "price-below-floor"));
        var stored = Assert.Single(await app.Services.GetRequiredService<IAlertStore>().ListAsync(Brand, kind: AlertKind.PriceBelowFloor, cancellationToken: Token));
        Assert.Equal((2, 1, AlertRaiseOutcome.Opened, 0.82m), (stored.Occurrences, stored.Notification.Sequence, stored.Notification.Reason, stored.MoneyAtStake!.Amount));
    }

    [Fact]
    public async Task OwnPriceAtOrAboveTheFloor_RaisesNoAlert()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "OBS-2", [SalesChannel.Shopify]);
        await SellAsync(app, item.Sku);

        await SendProductUpdateAsync(app, "OBS-2-S", 20.00m);
        var guard = app.Services.GetRequiredService<ObservedPriceGuard>();
        var outcome = await guard.GuardAsync(Change("OBS-2-S", 24.99m, PriceKind.OwnListing), Token);

        Assert.Equal(("within", 20.00m), (outcome!.Result, outcome.Check!.Verdict.Floor));
        Assert.Empty(await AlertsAsync(app, "price-below-floor"));
        Assert.Empty(await AlertsAsync(app, "contribution-negative"));
    }

    [Fact]
    public async Task PriceBackAboveTheFloor_ResolvesTheAlert_AndTheBuyBoxIsNeverGuarded()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        await PutItemAsync(app, "OBS-3", [SalesChannel.Walmart]);
        var guard = app.Services.GetRequiredService<ObservedPriceGuard>();

        Assert.Null(await guard.GuardAsync(Change("OBS-3-W", 5m, PriceKind.BuyBox, SalesChannel.Walmart), Token));
        Assert.Empty(await AlertsAsync(app, "price-below-floor"));

        var below = await guard.GuardAsync(Change("OBS-3-W", 19.99m, PriceKind.OwnListing, SalesChannel.Walmart), Token);
        Assert.Equal(("below-floor", 0m), (below!.Result, below.UnitsPerDay));
        Assert.Equal("Open", Assert.Single(await AlertsAsync(app, "price-below-floor")).Str("state"));

        var back = await guard.GuardAsync(Change("OBS-3-W", 21m, PriceKind.OwnListing, SalesChannel.Walmart), Token);

        Assert.Equal("within", back!.Result);
        var resolved = Assert.Single(await AlertsAsync(app, "price-below-floor"));
        Assert.Equal("Resolved", resolved.Str("state"));
    }

    /// <summary>Reserves 3 + 4 units for Shopify orders and 5 for an Amazon order, after a receipt of 100.</summary>
    [Fact]
    public async Task FixedFeeInAnotherCurrency_IsNamedInTheAlert_NotTakenAsZeroSilently()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "OBS-10", [SalesChannel.Shopify]);
        await app.Services.GetRequiredService<CatalogStore>().MergeFeesAsync(
            Brand, SalesChannel.Shopify, [new FeeRule(SalesChannel.Shopify, "transaction", null, FeeScope.PerLine, FeeBasis.Net, 0m, 0.30m, 0m, "EUR", DateTimeOffset.UnixEpoch, null)], Token);

        await app.Services.GetRequiredService<ObservedPriceGuard>().CheckAsync(
            item, Listing(item, SalesChannel.Shopify), 18.50m, "USD", "read-back", DateTimeOffset.UtcNow, Token);

        var alert = Assert.Single(await AlertsAsync(app, "price-below-floor"));
        Assert.Equal("0.00", alert.GetProperty("evidence").Str("fees"));
        Assert.Contains("transaction: 0.30 EUR per unit left out (not convertible to USD here)", alert.GetProperty("evidence").Str("feesLeftOut"), StringComparison.Ordinal);
        Assert.Contains("The fees leave out: Shopify transaction: 0.30 EUR per unit", alert.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoneyAtStakePerDay_IsRoundedOnce_NotFromAVelocityRoundedFirst()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "OBS-9", [SalesChannel.Shopify]);
        await ApplyAsync(app, item.Sku, StockMovementKind.Receipt, 10, $"po:{item.Sku}");
        await ApplyAsync(app, item.Sku, StockMovementKind.Reserve, 2, "order:shopify:1901:l1:reserve:0-2:a1");

        var outcome = await app.Services.GetRequiredService<ObservedPriceGuard>().CheckAsync(
            item, Listing(item, SalesChannel.Shopify), 0.02m, "USD", "read-back", DateTimeOffset.UtcNow, Token);

        // (20.00 − 0.02) × 2 units / 14 days = 2.8543 → 2.85; a velocity rounded first to 0.1429 would give 2.8551 → 2.86.
        Assert.Equal(("below-floor", 2.85m), (outcome.Result, outcome.MoneyAtStakePerDay));
        Assert.Equal(2.85m, Assert.Single(await AlertsAsync(app, "price-below-floor")).GetProperty("moneyAtStake").Dec("amount"));
    }

    [Fact]
    public async Task MoneyAtStakePerDay_ExactlyOnTheHalfCent_RoundsAwayFromZero()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "OBS-11", [SalesChannel.Shopify]);
        await ApplyAsync(app, item.Sku, StockMovementKind.Receipt, 10, $"po:{item.Sku}");
        await ApplyAsync(app, item.Sku, StockMovementKind.Reserve, 1, "order:shopify:1911:l1:reserve:0-1:a1");

        var outcome = await app.Services.GetRequiredService<ObservedPriceGuard>().CheckAsync(
            item, Listing(item, SalesChannel.Shopify), 2.43m, "USD", "read-back", DateTimeOffset.UtcNow, Token);

        // (20.00 − 2.43) × 1 unit / 14 days = 1.255 exactly → 1.26. Through a velocity divided first, 1/14 cut to 28 digits
        // (0.0714…5714, short by 2.9e-29), the product is 1.2549…9995 and would round to 1.25.
        Assert.Equal(("below-floor", 1.26m), (outcome.Result, outcome.MoneyAtStakePerDay));
        Assert.Equal(1.26m, Assert.Single(await AlertsAsync(app, "price-below-floor")).GetProperty("moneyAtStake").Dec("amount"));
    }

    [Fact]
    public async Task OlderBelowFloorWebhookAfterAPriceSetThroughTheRoute_OpensNoAlert()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub, new Dictionary<string, string> { ["Alerts:WebhookUrl"] = stub.BaseUrl + "chat/incoming" });
        var item = await PutItemAsync(app, "OBS-12", [SalesChannel.Shopify]);
        await SellAsync(app, item.Sku);
        var loweredInThePortal = DateTimeOffset.UtcNow.AddMinutes(-10);

        using var response = await SetPriceAsync(app, item.Sku, new { price = 24.99m, currency = "USD", channels = new[] { "shopify" } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Token));
        // The portal change of ten minutes ago, delivered late (Shopify retries for 4 h): the channel now shows 24.99.
        await SendProductUpdateAsync(app, "OBS-12-S", 18.37m, loweredInThePortal);

        Assert.Empty(await app.Services.GetRequiredService<IAlertStore>().ListAsync(Brand, kind: AlertKind.PriceBelowFloor, cancellationToken: Token));
    }

    [Fact]
    public async Task WebhooksOutOfOrder_TheOlderPriceNeverWins()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub, new Dictionary<string, string> { ["Alerts:WebhookUrl"] = stub.BaseUrl + "chat/incoming" });
        var item = await PutItemAsync(app, "OBS-13", [SalesChannel.Shopify]);
        await SellAsync(app, item.Sku);
        var now = DateTimeOffset.UtcNow;

        await SendProductUpdateAsync(app, "OBS-13-S", 18.37m, now.AddMinutes(-20));
        await SendProductUpdateAsync(app, "OBS-13-S", 24.99m, now.AddMinutes(-30));

        // The older good price does not resolve the breach the newer one shows.
        Assert.Equal("Open", Assert.Single(await AlertsAsync(app, "price-below-floor")).Str("state"));

        await SendProductUpdateAsync(app, "OBS-13-S", 24.99m, now.AddMinutes(-10));
        await SendProductUpdateAsync(app, "OBS-13-S", 17.00m, now.AddMinutes(-15));

        // Nor does the older price below the floor open it again, or notify.
        var stored = Assert.Single(await app.Services.GetRequiredService<IAlertStore>().ListAsync(Brand, kind: AlertKind.PriceBelowFloor, cancellationToken: Token));
        Assert.Equal((AlertState.Resolved, 1), (stored.State, stored.Notification.Sequence));
    }

    private static async Task SellAsync(TestApp app, string sku)
    {
        await ApplyAsync(app, sku, StockMovementKind.Receipt, 100, $"po:{sku}");
        await ApplyAsync(app, sku, StockMovementKind.Reserve, 3, "order:shopify:1001:l1:reserve:0-3:a1");
        await ApplyAsync(app, sku, StockMovementKind.Reserve, 4, "order:shopify:1002:l1:reserve:0-4:a1");
        await ApplyAsync(app, sku, StockMovementKind.Reserve, 5, "order:amazon:114-0000001-0000001:l1:reserve:0-5:a1");
    }

    private static async Task SendProductUpdateAsync(TestApp app, string variantSku, decimal price, DateTimeOffset? updatedAt = null)
    {
        var ack = await app.Client.SendAcceptedAsync(ProductUpdate(variantSku, price, updatedAt));
        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
    }

    private static PriceChange Change(string channelSku, decimal price, PriceKind kind, SalesChannel channel = SalesChannel.Shopify) =>
        new($"test|{Guid.NewGuid():N}", Brand, channel, Accounts.AccountId(channel), channelSku, null, kind, price, null, "USD", DateTimeOffset.UtcNow);
}
