using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos.Documents;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Testing.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

/// <summary>
/// Moving orders from the brand-partitioned layout (schema 1, partition = brand) to brand and month: documents written
/// in the old shape, moved, verified, deleted; twice, interrupted, raced by a newer copy, read before they move.
/// </summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class CosmosOrderMigrationTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private const string Brand = "acme";
    private static readonly DateTimeOffset March = new(2026, 3, 14, 10, 0, 0, TimeSpan.FromHours(-5));
    private static readonly DateTimeOffset April = new(2026, 4, 30, 22, 30, 0, TimeSpan.FromHours(-5));

    private CosmosOrderStore NewStore() => new(Containers, Options, NullLogger<CosmosOrderStore>.Instance);

    [Fact]
    public async Task MoveLegacyOrders_OldLayoutOrders_AreCopiedToTheirMonthVerifiedAndDeleted()
    {
        await PutLegacyAsync("1001", March, "d-1001");
        await PutLegacyAsync("1002", April, "d-1002");
        await PutLegacyAsync("1003", April.AddMinutes(1), "d-1003");

        var report = await NewStore().MoveLegacyOrdersAsync(Brand, Token);

        Assert.Equal(3, report.Moved);
        Assert.True(report.Complete);
        Assert.Empty(report.Failed);
        Assert.Empty(await LegacyOrderDocuments.LeftInOldLayoutAsync(Containers.Orders, Brand, Token));

        // 22:30 at -05:00 on 30 April is 1 May in UTC: the month is the UTC one.
        var copy = await LegacyOrderDocuments.ReadAsync(Containers.Orders, "acme|2026-05", "shopify:1002", Token);
        Assert.NotNull(copy);
        Assert.Equal(2, copy["schemaVersion"]!.GetValue<int>());
        Assert.NotNull(await LegacyOrderDocuments.ReadAsync(Containers.Orders, "acme|2026-03", "shopify:1001", Token));
        var locator = await LegacyOrderDocuments.ReadAsync(Containers.Orders, OrderLocatorDocument.PartitionKeyFor(Brand, "shopify:1002"), "shopify:1002", Token);
        Assert.Equal("acme|2026-05", locator!["orderPk"]!.GetValue<string>());
        Assert.NotNull(await LegacyOrderDocuments.ReadAsync(Containers.Orders, Brand, OrderLayoutDocument.MonthlyId, Token));

        var read = await NewStore().GetAsync(Brand, "shopify:1002", Token);
        Assert.Equal(["d-1002"], read!.Value.Deliveries.Select(d => d.DeliveryKey));
        Assert.Equal(24.00m, read.Value.Order.Lines[0].UnitPrice);
        Assert.Equal(OrderStatus.AwaitingFulfilment, read.Value.Order.Status);
        Assert.Equal(new DateOnly(2026, 5, 1), read.Value.Order.PlacedDay);
    }

    [Fact]
    public async Task MoveLegacyOrders_RunTwice_SecondRunFindsNothingAndChangesNothing()
    {
        await PutLegacyAsync("2001", March, "d-2001");
        await NewStore().MoveLegacyOrdersAsync(Brand, Token);
        var before = await NewStore().GetAsync(Brand, "shopify:2001", Token);

        var second = await NewStore().MoveLegacyOrdersAsync(Brand, Token);

        Assert.Equal(0, second.Moved + second.Merged + second.AlreadyMoved);
        Assert.True(second.Complete);
        Assert.Equal(before!.ETag, (await NewStore().GetAsync(Brand, "shopify:2001", Token))!.ETag);
    }

    [Fact]
    public async Task MoveLegacyOrders_InterruptedAfterTheCopy_FinishesByDeletingTheOldDocumentOnly()
    {
        // A run that crashed between copying and deleting: the copy and the old document are both there.
        await PutLegacyAsync("3001", March, "d-3001");
        var old = await NewStore().GetAsync(Brand, "shopify:3001", March, Token);
        Assert.NotNull(old);
        await PutLegacyAsync("3001", March, "d-3001");

        var report = await NewStore().MoveLegacyOrdersAsync(Brand, Token);

        Assert.Equal(1, report.AlreadyMoved);
        Assert.Equal(0, report.Moved);
        Assert.Empty(await LegacyOrderDocuments.LeftInOldLayoutAsync(Containers.Orders, Brand, Token));
        Assert.Equal(old.ETag, (await NewStore().GetAsync(Brand, "shopify:3001", Token))!.ETag);
    }

    [Fact]
    public async Task MoveLegacyOrders_InterruptedAfterTheLocator_CopiesOnTheNextRun()
    {
        await PutLegacyAsync("3101", March, "d-3101");
        var locator = OrderLocatorDocument.For(Brand, "shopify:3101", "acme|2026-03", DateTimeOffset.UtcNow);
        await Containers.Orders.CreateItemAsync(locator, new Microsoft.Azure.Cosmos.PartitionKey(locator.Pk), cancellationToken: Token);

        var report = await NewStore().MoveLegacyOrdersAsync(Brand, Token);

        Assert.Equal(1, report.Moved);
        Assert.NotNull(await NewStore().GetAsync(Brand, "shopify:3101", Token));
    }

    [Fact]
    public async Task MoveLegacyOrders_NewerCopyWrittenMeanwhile_IsMergedNeverOverwritten()
    {
        // An old instance still wrote the old layout while a new one converged a newer version in the new layout.
        await PutLegacyAsync("4001", March, "d-old");
        var newer = await NewStore().GetAsync(Brand, "shopify:4001", March, Token);
        var advanced = newer!.Value with
        {
            Order = newer.Value.Order with { Version = new OrderVersion(March.AddHours(5)), ChannelStatus = "paid/fulfilled" },
            Deliveries = [Delivery("d-new", March.AddHours(5)), .. newer.Value.Deliveries],
        };
        await NewStore().ReplaceAsync(advanced, newer.ETag, Token);
        var staleButNewDelivery = LegacyOrderDocuments.Order(Brand, "4001", March, March.AddHours(1), deliveryKeys: ["d-old", "d-late"]);
        await LegacyOrderDocuments.PutAsync(Containers.Orders, staleButNewDelivery, Token);

        var report = await NewStore().MoveLegacyOrdersAsync(Brand, Token);

        Assert.Equal(1, report.Merged);
        var merged = (await NewStore().GetAsync(Brand, "shopify:4001", Token))!.Value;
        Assert.Equal(March.AddHours(5), merged.Order.Version.UpdatedAt);
        Assert.Equal("paid/fulfilled", merged.Order.ChannelStatus);
        Assert.Equal(["d-late", "d-new", "d-old"], merged.Deliveries.Select(d => d.DeliveryKey).Order(StringComparer.Ordinal));
        Assert.Empty(await LegacyOrderDocuments.LeftInOldLayoutAsync(Containers.Orders, Brand, Token));
    }

    [Fact]
    public async Task GetAsync_OrderOnlyInTheOldLayout_IsReadAndMovedOnFirstTouch()
    {
        await PutLegacyAsync("5001", April, "d-5001");

        var read = await NewStore().GetAsync(Brand, "shopify:5001", Token);

        Assert.Equal("5001", read!.Value.Order.ExternalOrderId);
        Assert.Empty(await LegacyOrderDocuments.LeftInOldLayoutAsync(Containers.Orders, Brand, Token));
        Assert.Equal(read.ETag, (await NewStore().GetAsync(Brand, "shopify:5001", April, Token))!.ETag);
    }

    [Fact]
    public async Task GetBeforeCreate_OrderOnlyInTheOldLayout_IsFound_SoNoSecondCopyIsCreated()
    {
        await PutLegacyAsync("5002", April, "d-5002");

        var read = await NewStore().GetBeforeCreateAsync(Brand, "shopify:5002", April, Token);

        Assert.Equal(["d-5002"], read!.Value.Deliveries.Select(d => d.DeliveryKey));
        Assert.Empty(await LegacyOrderDocuments.LeftInOldLayoutAsync(Containers.Orders, Brand, Token));
    }

    [Fact]
    public async Task ListPlacedOn_BeforeTheMove_SeesOrdersOfBothLayouts()
    {
        await PutLegacyAsync("6001", March, "d-6001");
        var created = await NewStore().GetAsync(Brand, "shopify:6001", March, Token);
        await PutLegacyAsync("6002", March.AddMinutes(3), "d-6002");

        var listed = await NewStore().ListPlacedOnAsync(Brand, new DateOnly(2026, 3, 14), Token);

        Assert.NotNull(created);
        Assert.Equal(["shopify:6002", "shopify:6001"], listed.Select(o => o.Order.Id));
    }

    [Fact]
    public async Task MoveLegacyOrders_UnreadableDocument_IsReportedAndLeftWhileTheOthersMove()
    {
        await PutLegacyAsync("7001", March, "d-7001");
        var unreadable = LegacyOrderDocuments.Order(Brand, "7002", March, March);
        unreadable["schemaVersion"] = 9;
        await LegacyOrderDocuments.PutAsync(Containers.Orders, unreadable, Token);

        var report = await NewStore().MoveLegacyOrdersAsync(Brand, Token);

        Assert.Equal(1, report.Moved);
        Assert.Equal(["shopify:7002"], report.Failed);
        Assert.False(report.Complete);
        Assert.Equal(["shopify:7002"], await LegacyOrderDocuments.LeftInOldLayoutAsync(Containers.Orders, Brand, Token));
        Assert.Null(await LegacyOrderDocuments.ReadAsync(Containers.Orders, Brand, OrderLayoutDocument.MonthlyId, Token));
    }

    [Fact]
    public async Task MoveLegacyOrders_MoreThanOneSlice_MovesEveryOrder()
    {
        for (var i = 0; i < 60; i++)
        {
            await PutLegacyAsync($"8{i:D3}", March.AddMinutes(i), $"d-8{i:D3}");
        }

        var report = await NewStore().MoveLegacyOrdersAsync(Brand, Token);

        Assert.Equal(60, report.Moved);
        Assert.Empty(await LegacyOrderDocuments.LeftInOldLayoutAsync(Containers.Orders, Brand, Token));
        Assert.Equal(60, (await NewStore().ListPlacedOnAsync(Brand, new DateOnly(2026, 3, 14), Token)).Count);
    }

    [Fact]
    public async Task MoveLegacyOrders_CancelledOldOrder_ReadsBackCancelledWithItsUnitsCancelled()
    {
        await LegacyOrderDocuments.PutAsync(Containers.Orders, LegacyOrderDocuments.Order(Brand, "9001", March, March, status: "Cancelled"), Token);

        await NewStore().MoveLegacyOrdersAsync(Brand, Token);
        var order = (await NewStore().GetAsync(Brand, "shopify:9001", Token))!.Value.Order;

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(2, order.Lines[0].QuantityCancelled);
        Assert.Equal(OrderStatus.Cancelled, OrderLedger.Settle(order).Status);
    }

    private Task PutLegacyAsync(string externalOrderId, DateTimeOffset placedAt, string deliveryKey) =>
        LegacyOrderDocuments.PutAsync(Containers.Orders, LegacyOrderDocuments.Order(Brand, externalOrderId, placedAt, placedAt, deliveryKeys: [deliveryKey]), Token);

    private static DeliveryReference Delivery(string key, DateTimeOffset at) =>
        new(key, SalesChannel.Shopify, key, "orders/updated", $"acme/shopify/{key}.json", at, DeliveryOutcome.Applied);
}
