using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

[Collection(SharedCosmosEmulator.Name)]
public sealed class CosmosChannelEventLogTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    private CosmosChannelEventLog Log => new(Containers, Options, NullLogger<CosmosChannelEventLog>.Instance);

    [Fact]
    public async Task CreateThenGet_RoundTripsAllFields()
    {
        var entry = Event("brand-a", SalesChannel.Amazon, "d-1", new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.FromHours(2))) with
        {
            EventId = "evt-9",
            ProcessedAt = new DateTimeOffset(2026, 3, 2, 1, 0, 1, TimeSpan.Zero),
            Outcome = DeliveryOutcome.Stale,
            Detail = "older than stored version",
            OrderId = "amazon:111-222",
            Arrivals = 3,
        };

        var created = await Log.CreateAsync(entry, Token);
        var read = await Log.GetAsync("brand-a", entry.ReceivedDay, entry.DeliveryKey, Token);

        Assert.Equal(entry, read!.Value);
        Assert.Equal(created.ETag, read.ETag);
    }

    [Fact]
    public async Task Get_OtherDay_ReturnsNull()
    {
        var entry = Event("brand-a", SalesChannel.Shopify, "d-2", At(9));
        await Log.CreateAsync(entry, Token);

        Assert.Null(await Log.GetAsync("brand-a", Day.AddDays(1), entry.DeliveryKey, Token));
    }

    [Fact]
    public async Task Create_SameDeliveryKeyTwice_ThrowsConcurrencyConflict()
    {
        var entry = Event("brand-a", SalesChannel.Shopify, "d-3", At(9));
        await Log.CreateAsync(entry, Token);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Log.CreateAsync(entry with { Arrivals = 2 }, Token));
    }

    [Fact]
    public async Task Replace_OutcomeMovesOn_StaleETagConflicts()
    {
        var created = await Log.CreateAsync(Event("brand-a", SalesChannel.Walmart, "d-4", At(9)), Token);

        var applied = await Log.ReplaceAsync(created.Value with { Outcome = DeliveryOutcome.Applied, ProcessedAt = At(10) }, created.ETag, Token);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Log.ReplaceAsync(created.Value with { Outcome = DeliveryOutcome.Quarantined }, created.ETag, Token));

        var read = await Log.GetAsync("brand-a", Day, created.Value.DeliveryKey, Token);
        Assert.Equal(DeliveryOutcome.Applied, read!.Value.Outcome);
        Assert.Equal(applied.ETag, read.ETag);
    }

    [Fact]
    public async Task Replace_ReceivedOnAnotherDay_IsAConflictNotAMove()
    {
        var created = await Log.CreateAsync(Event("brand-a", SalesChannel.Shopify, "d-5", At(9)), Token);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Log.ReplaceAsync(created.Value with { ReceivedAt = At(30) }, created.ETag, Token));

        Assert.NotNull(await Log.GetAsync("brand-a", Day, created.Value.DeliveryKey, Token));
        Assert.Null(await Log.GetAsync("brand-a", Day.AddDays(1), created.Value.DeliveryKey, Token));
    }

    [Fact]
    public async Task List_ByBrandAndDay_OldestFirstAndChannelFilter()
    {
        await Log.CreateAsync(Event("brand-a", SalesChannel.Shopify, "s-late", At(20)), Token);
        await Log.CreateAsync(Event("brand-a", SalesChannel.Amazon, "a-mid", At(12)), Token);
        await Log.CreateAsync(Event("brand-a", SalesChannel.Shopify, "s-early", At(1)), Token);
        await Log.CreateAsync(Event("brand-a", SalesChannel.TikTokShop, "t-mid", At(13)), Token);
        await Log.CreateAsync(Event("brand-a", SalesChannel.Shopify, "s-next-day", At(25)), Token);
        await Log.CreateAsync(Event("brand-b", SalesChannel.Shopify, "b-same-day", At(5)), Token);

        var all = await Log.ListAsync("brand-a", Day, cancellationToken: Token);
        var shopify = await Log.ListAsync("brand-a", Day, SalesChannel.Shopify, Token);
        var walmart = await Log.ListAsync("brand-a", Day, SalesChannel.Walmart, Token);

        Assert.Equal(["s-early", "a-mid", "t-mid", "s-late"], all.Select(e => e.DeliveryId));
        Assert.Equal(["s-early", "s-late"], shopify.Select(e => e.DeliveryId));
        Assert.Empty(walmart);
    }

    private static DateTimeOffset At(int hoursAfterDayStart) =>
        new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).AddHours(hoursAfterDayStart);

    private static ChannelEvent Event(string brandId, SalesChannel channel, string deliveryId, DateTimeOffset receivedAt) => new()
    {
        DeliveryKey = DeliveryKey.For(channel, "account-1", deliveryId),
        BrandId = brandId,
        Channel = channel,
        ChannelAccountId = "account-1",
        DeliveryId = deliveryId,
        Topic = "orders/updated",
        ReceivedAt = receivedAt,
        Outcome = DeliveryOutcome.Received,
        RawBlobName = $"raw/{deliveryId}",
    };
}
