using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Domain.Review.Data;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Review.Data;

namespace ServerlessOps.Functions.Tests.Reviews;

/// <summary>
/// Crafted truth for the review tests on the real stores: Shopify orders of brand <c>acme</c> (history, so they start no
/// flow), catalog items with a Shopify listing and a cost, fee schedules, snapshots, ad spend, targets and rates.
/// </summary>
internal static class ReviewTestData
{
    public const string Acme = "acme";

    /// <summary>The settings-seeded owner of every signal of brand acme.</summary>
    public const string Owner = "ops@acme-outfitters.example";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A catalog SKU listed on Shopify as <c>{sku}-S</c>, with its unit cost in USD since the epoch.</summary>
    public static async Task PutItemAsync(TestApp app, string sku, decimal listPrice, decimal? map, decimal cost)
    {
        var listing = new ChannelListing(SalesChannel.Shopify, $"{sku}-S", StockLocations.Main, InventoryItemId: $"ii-{sku}", LocationId: "gid://shopify/Location/7701");
        var item = new CatalogItem(Acme, sku, $"Item {sku}", null, CatalogItemStatus.Active, "USD", listPrice, map, [listing]);
        Assert.Empty(item.Validate());
        var catalog = app.Services.GetRequiredService<CatalogStore>();
        await catalog.PutItemAsync(item, "test", Token);
        await catalog.PutListingAsync(item, listing, "test", Token);
        await catalog.MergeCostsAsync(Acme, sku, [new UnitCost(sku, cost, "USD", DateTimeOffset.UnixEpoch, null)], Token);
    }

    /// <summary>Shopify's fee schedule: <paramref name="percent"/> % of each line's net.</summary>
    public static Task PutShopifyFeeAsync(TestApp app, decimal percent) =>
        app.Services.GetRequiredService<CatalogStore>().MergeFeesAsync(
            Acme, SalesChannel.Shopify, [new FeeRule(SalesChannel.Shopify, "transaction", null, FeeScope.PerLine, FeeBasis.Net, percent, 0m, 0m, "USD", DateTimeOffset.UnixEpoch, null)], Token);

    /// <summary>One Shopify order of one line (<c>L1</c>) of channel SKU <paramref name="channelSku"/>, optionally with the fee charged on that line.</summary>
    public static Task<Versioned<StoredOrder>> PutOrderAsync(
        TestApp app, string id, DateTimeOffset placedAt, string channelSku, int quantity, decimal price, string currency = "USD", decimal? feeCharged = null, IReadOnlyList<OrderRefund>? refunds = null) =>
        app.Services.GetRequiredService<IOrderStore>().CreateAsync(new StoredOrder(OrderLedger.Settle(new Order
        {
            BrandId = Acme,
            Channel = SalesChannel.Shopify,
            ChannelAccountId = "acme-outfitters.myshopify.com",
            ExternalOrderId = id,
            Status = OrderStatus.AwaitingFulfilment,
            ChannelStatus = "paid",
            Currency = currency,
            Lines = [new OrderLine("L1", channelSku, null, quantity, price, 0m, 0m)],
            Fees = feeCharged is { } fee ? [new OrderFee("transaction", fee) { LineId = "L1" }] : [],
            Refunds = refunds ?? [],
            PlacedAt = placedAt,
            Version = new OrderVersion(placedAt),
            IsHistory = true,
        }), [], placedAt), Token);

    public static CosmosReviewDataStore Data(TestApp app) => app.Services.GetRequiredService<CosmosReviewDataStore>();

    public static Task PutSnapshotAsync(TestApp app, DateOnly day, string sku, int onHand) =>
        Data(app).PutStockSnapshotAsync(new StockSnapshot(Acme, day, sku, StockLocations.Main, onHand, $"snapshots:{day:yyyyMMdd}:{sku}"), Token);

    public static Task PutAdSpendAsync(TestApp app, DateOnly day, string campaign, string sku, decimal spend, decimal attributedSales) =>
        Data(app).PutAdSpendAsync(new AdSpendDay(Acme, day, SalesChannel.Shopify, campaign, sku, spend, attributedSales, 1, "USD", $"ads:{day:yyyyMMdd}:{campaign}"), Token);

    public static Task PutTargetAsync(TestApp app, ReviewMonth month, decimal revenue) =>
        Data(app).PutTargetAsync(new ChannelTarget(Acme, month, SalesChannel.Shopify, revenue, null, "USD", $"targets:{month}"), Token);

    public static Task PutRateAsync(TestApp app, DateOnly day, string from, decimal rate) =>
        Data(app).PutExchangeRateAsync(new ExchangeRate(Acme, day, from, "USD", rate, $"rates:{day:yyyyMMdd}:{from}"), Token);

    /// <summary>Starts acme's review of <paramref name="month"/> through the route and waits until it stops (any terminal status).</summary>
    public static async Task<OrchestrationMetadata> RunReviewAsync(TestApp app, ReviewMonth month, TimeSpan? timeout = null)
    {
        using var start = await app.Client.Http.PostAsync(new Uri($"api/brands/{Acme}/reviews/{month}", UriKind.Relative), null, Token);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        return await Poll.UntilAsync(
            async ct => await client.GetInstanceAsync(ReviewIds.For(Acme, month), ct) is { IsCompleted: true } done ? done : null,
            $"acme's review of {month} stopped", timeout ?? TimeSpan.FromSeconds(150));
    }

    /// <summary>An instant at <paramref name="hour"/>:00 local in New York (acme's time zone) between November and March (EST, UTC−5).</summary>
    public static DateTimeOffset NewYork(int year, int month, int day, int hour = 12) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(-5));
}
