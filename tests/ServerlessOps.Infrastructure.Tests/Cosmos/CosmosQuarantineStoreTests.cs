using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

[Collection(SharedCosmosEmulator.Name)]
public sealed class CosmosQuarantineStoreTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private CosmosQuarantineStore Store => new(Containers, Options, NullLogger<CosmosQuarantineStore>.Instance);

    [Fact]
    public async Task Upsert_SameDeliveryTwice_KeepsOneEntryWithLatestContent()
    {
        var first = Quarantined("brand-a", "d-1", Start);
        await Store.UpsertAsync(first, Token);
        var again = await Store.UpsertAsync(first with { Reason = "still broken", ReplayCount = 1, LastReplayedAt = Start.AddHours(1) }, Token);

        var read = await Store.GetAsync("brand-a", first.DeliveryKey, Token);
        var listed = await Store.ListAsync("brand-a", cancellationToken: Token);

        Assert.Equal(again.Value, read!.Value);
        Assert.Equal(again.ETag, read.ETag);
        Assert.Single(listed);
    }

    [Fact]
    public async Task Get_Missing_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync("brand-a", "shopify-none", Token));
    }

    [Fact]
    public async Task List_ByState_NewestFirstAndOnlyThatBrand()
    {
        await Store.UpsertAsync(Quarantined("brand-a", "old", Start), Token);
        await Store.UpsertAsync(Quarantined("brand-a", "new", Start.AddHours(2)), Token);
        await Store.UpsertAsync(Quarantined("brand-a", "mid", Start.AddHours(1)) with { State = QuarantineState.Resolved }, Token);
        await Store.UpsertAsync(Quarantined("brand-b", "other", Start.AddHours(3)), Token);

        var all = await Store.ListAsync("brand-a", cancellationToken: Token);
        var open = await Store.ListAsync("brand-a", QuarantineState.Open, Token);
        var resolved = await Store.ListAsync("brand-a", QuarantineState.Resolved, Token);

        Assert.Equal(["new", "mid", "old"], all.Select(q => q.DeliveryId));
        Assert.Equal(["new", "old"], open.Select(q => q.DeliveryId));
        Assert.Equal(["mid"], resolved.Select(q => q.DeliveryId));
    }

    [Fact]
    public async Task Replace_IfMatch_ResolvesOnceAndStaleETagConflicts()
    {
        var stored = await Store.UpsertAsync(Quarantined("brand-a", "d-2", Start), Token);
        var resolved = stored.Value with { State = QuarantineState.Resolved, ReplayCount = 1, LastReplayedAt = Start.AddHours(1) };

        var replaced = await Store.ReplaceAsync(resolved, stored.ETag, Token);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.ReplaceAsync(stored.Value with { ReplayCount = 9 }, stored.ETag, Token));

        var read = await Store.GetAsync("brand-a", stored.Value.DeliveryKey, Token);
        Assert.Equal(resolved, read!.Value);
        Assert.Equal(replaced.ETag, read.ETag);
    }

    private static QuarantinedDelivery Quarantined(string brandId, string deliveryId, DateTimeOffset at) => new()
    {
        DeliveryKey = DeliveryKey.For(SalesChannel.TikTokShop, "shop-1", deliveryId),
        BrandId = brandId,
        Channel = SalesChannel.TikTokShop,
        DeliveryId = deliveryId,
        Topic = "ORDER_STATUS_CHANGE",
        RawBlobName = $"raw/{deliveryId}",
        Reason = "line 3: quantity missing",
        QuarantinedAt = at,
    };
}
