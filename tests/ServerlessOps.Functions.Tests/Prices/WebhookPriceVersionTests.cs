using System.Globalization;
using System.Text;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Pricing;
using ServerlessOps.Infrastructure.Storage;
using static ServerlessOps.Functions.Tests.Prices.PriceTestApp;

namespace ServerlessOps.Functions.Tests.Prices;

/// <summary>
/// A price seen in a webhook moves the SKU's price version (<see cref="SkuPriceState"/>) or the delivery fails: the
/// listing's fact written with the version left behind would let a client holding the old ETag set a price over one it
/// never saw. Real emulators, private stub marketplace.
/// </summary>
public sealed class WebhookPriceVersionTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task WebhookPriceRacingPriceSetClaims_EveryRoundEndsWithTheVersionMovedAndHoldingIt()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub);
        var item = await PutItemAsync(app, "PWV-1", [SalesChannel.Shopify]);
        var store = app.Services.GetRequiredService<SkuPriceStateStore>();
        var guard = app.Services.GetRequiredService<ObservedPriceGuard>();
        var channelSku = Listing(item, SalesChannel.Shopify).ChannelSku;

        for (var round = 0; round < 5; round++)
        {
            var before = (await store.ReadAsync(Brand, item.Sku, "USD", Token)).ETag;
            var price = 21m + round;
            // The channel's clock, a second apart per round, so each round's price is newer than the last.
            var at = DateTimeOffset.UtcNow.AddMinutes(-10).AddSeconds(round);
            var change = new PriceChange(
                $"test|{round}", Brand, SalesChannel.Shopify, Accounts.AccountId(SalesChannel.Shopify), channelSku, null, PriceKind.OwnListing, price, null, "USD", at);

            // Four sets claim the version (no If-Match: each reads and writes again until it lands) while the webhook's price
            // moves it: every one of them writes the same document.
            var writes = Enumerable.Range(0, 4).Select(i => (Task)store.ClaimAsync(
                Brand, item.Sku, null, new SkuPriceSetMark(30m + i, "USD", ["shopify"], $"round {round} caller {i}", DateTimeOffset.UtcNow), Token)).ToList();
            writes.Add(guard.GuardAsync(change, Token));
            await Task.WhenAll(writes);

            var now = await store.ReadAsync(Brand, item.Sku, "USD", Token);
            Assert.NotEqual(before, now.ETag);
            var shown = Assert.Single(now.Value.Listings);
            Assert.Equal((price, "webhook"), (shown.Price, shown.Source));

            // A client that read the version before this round never saw that price: its set is refused.
            var stale = await store.ClaimAsync(Brand, item.Sku, [before], new SkuPriceSetMark(40m, "USD", ["shopify"], "stale caller", DateTimeOffset.UtcNow), Token);
            Assert.False(stale.Won, $"Round {round}: a claim on the version read before the webhook's price won.");
        }
    }

    [Fact]
    public async Task WebhookPriceMeetingAClaimOnEveryWriteOfItsFirstAttempt_IsRetried_AndTheVersionEndsHoldingIt()
    {
        const string sku = "PWV-3";
        var racer = new ClaimBeforeEachWrite(SkuPriceState.IdFor(sku));
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(
            fixture,
            stub,
            new Dictionary<string, string> { ["Queues:VisibilityTimeout"] = "00:00:05" },
            services => services.Replace(ServiceDescriptor.Singleton(sp =>
                CosmosClientFactory.Create(sp.GetRequiredService<IOptions<CosmosOptions>>().Value, handlers: [racer]))));
        var item = await PutItemAsync(app, sku, [SalesChannel.Shopify]);
        var store = app.Services.GetRequiredService<SkuPriceStateStore>();
        var first = await store.ClaimAsync(Brand, sku, null, Mark(30m, "first set"), Token);
        var competing = 0;
        racer.Compete = ct => store.ClaimAsync(Brand, sku, null, Mark(31m, $"competing set {Interlocked.Increment(ref competing)}"), ct);
        // More than one attempt's writes (the store reads and writes again 10 times): the first attempt loses every one.
        racer.Arm(12);

        var ack = await app.Client.SendAcceptedAsync(ProductUpdate(Listing(item, SalesChannel.Shopify).ChannelSku, 27.00m, DateTimeOffset.UtcNow.AddMinutes(-5)));

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey, timeout: TimeSpan.FromSeconds(60))).Str("outcome"));
        var now = await store.ReadAsync(Brand, sku, "USD", Token);
        var shown = Assert.Single(now.Value.Listings);
        Assert.Equal((27.00m, "webhook"), (shown.Price, shown.Source));
        Assert.Equal(12, Volatile.Read(ref competing));
        Assert.Equal("competing set 12", now.Value.LastSet?.By);
        Assert.NotEqual(first.ETag, now.ETag);
    }

    [Fact]
    public async Task WebhookPriceWhoseVersionCannotBeWritten_FailsTheDelivery_AndItsReplayRecordsItOnce()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(fixture, stub, new Dictionary<string, string>
        {
            ["Ingestion:MaxDequeueCount"] = "2",
            ["Queues:VisibilityTimeout"] = "00:00:05",
        });
        var item = await PutItemAsync(app, "PWV-2", [SalesChannel.Shopify]);
        var channelSku = Listing(item, SalesChannel.Shopify).ChannelSku;
        var container = app.Services.GetRequiredService<CosmosContainers>().InventoryLedger;
        var id = SkuPriceState.IdFor(item.Sku);
        var pk = SkuPriceState.PartitionKeyFor(Brand);
        await WriteUnreadableStateAsync(container, id, pk, item.Sku);

        var ack = await app.Client.SendAcceptedAsync(ProductUpdate(channelSku, 27.00m, DateTimeOffset.UtcNow.AddMinutes(-5)));

        // Not "Applied" with the version left behind: retried, then quarantined, as any delivery whose processing fails.
        Assert.Equal("Quarantined", (await app.Client.WaitForEventAsync(ack.DeliveryKey, timeout: TimeSpan.FromSeconds(60))).Str("outcome"));
        var entry = await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("reason").Contains("failed 2 times", StringComparison.Ordinal));
        Assert.Equal("Open", entry.Str("state"));

        // Someone repairs the document (here: removes it) and replays the delivery.
        using (await container.DeleteItemStreamAsync(id, new PartitionKey(pk), cancellationToken: Token))
        {
        }

        using (var replay = await app.Client.ReplayAsync(ack.DeliveryKey))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, replay.StatusCode);
        }

        await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("state") == "Resolved");
        var store = app.Services.GetRequiredService<SkuPriceStateStore>();
        var recorded = await store.ReadAsync(Brand, item.Sku, "USD", Token);
        Assert.NotNull(recorded.Value.ETag);
        Assert.Equal((27.00m, "webhook"), (Assert.Single(recorded.Value.Listings).Price, Assert.Single(recorded.Value.Listings).Source));

        // The same delivery processed once more (a replay run twice, a redelivered message): one fact, and the version
        // does not move again for the price it already holds.
        var quarantined = await app.Services.GetRequiredService<IQuarantineStore>().GetAsync(Brand, ack.DeliveryKey, Token);
        await app.Services.GetRequiredService<DeliveryProcessor>().ProcessAsync(
            new DeliveryMessage(quarantined!.Value.RawBlobName, Brand, ack.DeliveryKey, DeliveryMessageKind.Replay), cancellationToken: Token);

        var facts = await app.Services.GetRequiredService<ListingPriceFactStore>().ListForSkuAsync(Brand, item.Sku, Token);
        Assert.Equal(27.00m, Assert.Single(facts).Price);
        var again = await store.ReadAsync(Brand, item.Sku, "USD", Token);
        Assert.Equal(recorded.ETag, again.ETag);
        Assert.Equal(recorded.ETag, (await GetPricesAsync(app, item.Sku)).ETag.Trim('"'));
    }

    private static SkuPriceSetMark Mark(decimal price, string by) => new(price, "USD", ["shopify"], by, DateTimeOffset.UtcNow);

    /// <summary>A price-state document the app cannot read (its listings are not a list): a version write that fails for a reason other than a race or an outage.</summary>
    private static async Task WriteUnreadableStateAsync(Container container, string id, string pk, string sku)
    {
        var json = string.Create(CultureInfo.InvariantCulture,
            $$"""{"id":"{{id}}","pk":"{{pk}}","brandId":"{{Brand}}","type":"{{SkuPriceState.DocumentType}}","sku":"{{sku}}","listings":"not a list"}""");
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        using var response = await container.CreateItemStreamAsync(body, new PartitionKey(pk), cancellationToken: Token);
        Assert.True(response.IsSuccessStatusCode, $"Writing the unreadable document: {(int)response.StatusCode}");
    }
}
