using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Documents;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Testing.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

[Collection(SharedCosmosEmulator.Name)]
public sealed class CosmosOrderStoreTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private static readonly DateTimeOffset Placed = new(2026, 3, 1, 23, 30, 0, TimeSpan.FromHours(-5));

    /// <summary>Where <see cref="Placed"/> files brand-a's orders: 23:30 at -05:00 on 1 March is 2 March in UTC, still March.</summary>
    private const string MarchPartition = "brand-a|2026-03";

    private CosmosOrderStore Store => new(Containers, Options, NullLogger<CosmosOrderStore>.Instance);

    [Fact]
    public async Task CreateThenGet_FullOrder_RoundTripsEveryFieldExactly()
    {
        var stored = TestData.Stored(
            TestData.Order("brand-a", "5001", Placed),
            TestData.Delivery("k2", Placed.AddMinutes(2)),
            TestData.Delivery("k1", Placed.AddMinutes(1)));

        var created = await Store.CreateAsync(stored, Token);
        var read = await Store.GetAsync("brand-a", "shopify:5001", Token);

        Assert.NotNull(read);
        Assert.Equal(created.ETag, read.ETag);
        Assert.Equivalent(stored, read.Value, strict: true);
        var order = read.Value.Order;
        Assert.Equal(12345678901234567.8901m, order.Lines[2].UnitPrice);
        Assert.Equal(79228162514264.33759354395m, order.Lines[2].Tax);
        Assert.Equal("19.90", order.Lines[0].UnitPrice!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.3m, order.Lines[1].UnitPrice);
        Assert.Equal(TimeSpan.FromHours(-5), order.PlacedAt.Offset);
        Assert.Equal(Placed.AddMinutes(5).AddTicks(1234567), order.Version.TieBreak);
        Assert.Equal(OrderStatus.PartiallyFulfilled, order.Status);
        Assert.Equal(stored.Order.TaxTotal, order.TaxTotal);
    }

    [Fact]
    public async Task CreateThenGet_WithheldMoney_StaysUnknownNotZero()
    {
        var withheld = TestData.Order("brand-a", "5099", Placed) with
        {
            Total = null,
            Lines = [new OrderLine("L-1", "SKU", null, 2, null, null, null, QuantityCancelled: 2)],
            Shipping = new ShippingInfo(null, null, null, null, "US", null, null, null, []),
        };
        await Store.CreateAsync(TestData.Stored(withheld), Token);

        var order = (await Store.GetAsync("brand-a", "shopify:5099", Token))!.Value.Order;

        Assert.Null(order.Total);
        Assert.Null(order.Lines[0].UnitPrice);
        Assert.Null(order.Lines[0].Tax);
        Assert.Null(order.Shipping!.Price);
        Assert.Null(order.LinesNet);
        Assert.Null(order.TaxTotal);
    }

    [Fact]
    public async Task Create_StoredDocument_HasQueryFieldsAndNoComputedMembers()
    {
        await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "5002", Placed)), Token);

        using var raw = await Containers.Orders.ReadItemStreamAsync("shopify:5002", new PartitionKey(MarchPartition), cancellationToken: Token);
        using var json = await System.Text.Json.JsonDocument.ParseAsync(raw.Content, cancellationToken: Token);
        var root = json.RootElement;

        Assert.Equal(MarchPartition, root.GetProperty("pk").GetString());
        Assert.Equal("order", root.GetProperty("type").GetString());
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("2026-03-02", root.GetProperty("orderDay").GetString());
        Assert.Equal("2026-03-02T04:30:00.0000000Z", root.GetProperty("placedAt").GetString());
        Assert.Equal("shopify", root.GetProperty("channel").GetString());
        Assert.Equal("PartiallyFulfilled", root.GetProperty("status").GetString());
        Assert.Equal("123.4500", root.GetProperty("order").GetProperty("total").GetString());
        Assert.False(root.GetProperty("order").TryGetProperty("linesNet", out _));
        Assert.False(root.GetProperty("order").TryGetProperty("id", out _));
        Assert.False(root.GetProperty("order").GetProperty("lines")[0].TryGetProperty("netAmount", out _));
    }

    [Fact]
    public async Task Get_Missing_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync("brand-a", "shopify:nope", Token));
    }

    [Fact]
    public async Task Get_OtherBrandsOrder_ReturnsNull()
    {
        await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "5003", Placed)), Token);

        Assert.Null(await Store.GetAsync("brand-b", "shopify:5003", Token));
    }

    [Fact]
    public async Task Create_Twice_SecondThrowsConcurrencyConflict()
    {
        var stored = TestData.Stored(TestData.Order("brand-a", "5004", Placed));
        await Store.CreateAsync(stored, Token);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CreateAsync(stored, Token));
        Assert.Contains("already exists", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_WithCurrentETag_SucceedsAndReturnsNewETag()
    {
        var created = await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "5005", Placed)), Token);
        var updated = created.Value with { Order = created.Value.Order with { Status = OrderStatus.Cancelled } };

        var replaced = await Store.ReplaceAsync(updated, created.ETag, Token);
        var read = await Store.GetAsync("brand-a", "shopify:5005", Token);

        Assert.NotEqual(created.ETag, replaced.ETag);
        Assert.Equal(replaced.ETag, read!.ETag);
        Assert.Equal(OrderStatus.Cancelled, read.Value.Order.Status);
    }

    [Fact]
    public async Task Replace_WithStaleETag_ThrowsConcurrencyConflictAndKeepsWinner()
    {
        var created = await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "5006", Placed)), Token);
        var winner = created.Value with { Order = created.Value.Order with { ChannelStatus = "winner" } };
        await Store.ReplaceAsync(winner, created.ETag, Token);

        var loser = created.Value with { Order = created.Value.Order with { ChannelStatus = "loser" } };
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.ReplaceAsync(loser, created.ETag, Token));

        Assert.Contains("ETag", ex.Message, StringComparison.Ordinal);
        Assert.Equal("winner", (await Store.GetAsync("brand-a", "shopify:5006", Token))!.Value.Order.ChannelStatus);
    }

    [Fact]
    public async Task Replace_DeletedOrder_ThrowsConcurrencyConflict()
    {
        var created = await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "5007", Placed)), Token);
        await Containers.Orders.DeleteItemAsync<object>("shopify:5007", new PartitionKey(MarchPartition), cancellationToken: Token);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.ReplaceAsync(created.Value, created.ETag, Token));
    }

    [Fact]
    public async Task Replace_TwentyConcurrentWritersAppendingDeliveries_NoneIsLost()
    {
        const int writers = 20;
        await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "race", Placed)), Token);
        var conflicts = 0;
        var attemptsByWriter = new ConcurrentDictionary<int, int>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var tasks = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            await start.Task.WaitAsync(Token);
            var mine = TestData.Delivery($"writer-{writer:D2}", Placed.AddSeconds(writer));
            for (var attempt = 1; attempt <= 200; attempt++)
            {
                attemptsByWriter[writer] = attempt;
                var current = (await Store.GetAsync("brand-a", "shopify:race", Token))!;
                var next = current.Value with { Deliveries = [mine, .. current.Value.Deliveries] };
                try
                {
                    await Store.ReplaceAsync(next, current.ETag, Token);
                    return;
                }
                catch (ConcurrencyConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }

            throw new InvalidOperationException($"Writer {writer} lost 200 times in a row.");
        }, Token)).ToArray();

        start.SetResult();
        await Task.WhenAll(tasks);

        var final = (await Store.GetAsync("brand-a", "shopify:race", Token))!.Value;
        var keys = final.Deliveries.Select(d => d.DeliveryKey).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(0, writers).Select(w => $"writer-{w:D2}"), keys);
        Assert.Equal(writers + conflicts, attemptsByWriter.Values.Sum());
        TestContext.Current.TestOutputHelper?.WriteLine($"20 writers: {conflicts} conflicts retried.");
    }

    [Fact]
    public async Task ListPlacedOn_TwoBrandsThreeDays_ReturnsOnlyThatBrandAndDayNewestFirst()
    {
        var day = new DateOnly(2026, 3, 2);
        var dayStartUtc = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var expected = new List<string>();
        foreach (var brand in new[] { "brand-a", "brand-b" })
        {
            for (var offsetDays = -1; offsetDays <= 1; offsetDays++)
            {
                for (var i = 0; i < 3; i++)
                {
                    // Mixed offsets: 23:30 at -05:00 on the 1st is already the 2nd in UTC.
                    var placed = dayStartUtc.AddDays(offsetDays).AddHours(1 + (7 * i)).ToOffset(TimeSpan.FromHours(i - 5));
                    var externalId = $"{offsetDays + 1}-{i}";
                    await Store.CreateAsync(TestData.Stored(TestData.Order(brand, externalId, placed)), Token);
                    if (brand == "brand-a" && offsetDays == 0)
                    {
                        expected.Insert(0, $"shopify:{externalId}");
                    }
                }
            }
        }

        var listed = await Store.ListPlacedOnAsync("brand-a", day, Token);

        Assert.Equal(expected, listed.Select(o => o.Order.Id));
        Assert.All(listed, o => Assert.Equal(day, o.Order.PlacedDay));
        Assert.All(listed, o => Assert.Equal("brand-a", o.Order.BrandId));
    }

    [Fact]
    public async Task ListPlacedOn_MorePagesThanOne_ReadsEveryPage()
    {
        var placed = new DateTimeOffset(2026, 4, 10, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 7; i++)
        {
            await Store.CreateAsync(TestData.Stored(TestData.Order("brand-p", $"p{i}", placed.AddMinutes(i))), Token);
        }

        var listed = await Store.ListPlacedOnAsync("brand-p", new DateOnly(2026, 4, 10), Token);

        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => $"shopify:p{i}"), listed.Select(o => o.Order.Id));
    }

    [Fact]
    public async Task ListPlacedOn_NoOrders_ReturnsEmpty()
    {
        Assert.Empty(await Store.ListPlacedOnAsync("brand-none", new DateOnly(2026, 1, 1), Token));
    }

    [Fact]
    public async Task CreateThenGet_ExternalIdWithReservedCharacters_RoundTrips()
    {
        var stored = TestData.Stored(TestData.Order("brand-a", "A/B#7?x\\y% +Ä~", Placed));

        await Store.CreateAsync(stored, Token);
        var read = await Store.GetAsync("brand-a", stored.Order.Id, Token);

        Assert.Equal("A/B#7?x\\y% +Ä~", read!.Value.Order.ExternalOrderId);
        Assert.Single(await Store.ListPlacedOnAsync("brand-a", stored.Order.PlacedDay, Token), o => o.Order.Id == stored.Order.Id);
    }

    [Fact]
    public async Task Create_FiftyDeliveryReferences_AreStoredInOrder()
    {
        var deliveries = Enumerable.Range(0, StoredOrder.MaxDeliveryReferences)
            .Select(i => TestData.Delivery($"d{i:D2}", Placed.AddSeconds(-i)) with { Outcome = (DeliveryOutcome)(i % 6) })
            .ToArray();

        await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "5010", Placed), deliveries), Token);
        var read = await Store.GetAsync("brand-a", "shopify:5010", Token);

        Assert.Equal(deliveries, read!.Value.Deliveries);
    }

    [Fact]
    public async Task Create_OrdersOfTwoMonths_AreFiledUnderTheirMonthWithALocatorEach()
    {
        var april = new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero);
        await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "m-3", Placed)), Token);
        await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "m-4", april)), Token);

        Assert.True((await Containers.Orders.ReadItemStreamAsync("shopify:m-3", new PartitionKey(MarchPartition), cancellationToken: Token)).IsSuccessStatusCode);
        Assert.True((await Containers.Orders.ReadItemStreamAsync("shopify:m-4", new PartitionKey("brand-a|2026-04"), cancellationToken: Token)).IsSuccessStatusCode);
        var locator = await LegacyOrderDocuments.ReadAsync(Containers.Orders, Infrastructure.Cosmos.Documents.OrderLocatorDocument.PartitionKeyFor("brand-a", "shopify:m-4"), "shopify:m-4", Token);
        Assert.Equal("brand-a|2026-04", locator!["orderPk"]!.GetValue<string>());
        Assert.Equal("orderLocator", locator["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_ByIdAlone_FindsTheOrderThroughItsLocator()
    {
        var april = new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero);
        var created = await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "by-id", april)), Token);

        var byId = await Store.GetAsync("brand-a", "shopify:by-id", Token);
        var byPlacement = await Store.GetAsync("brand-a", "shopify:by-id", april, Token);

        Assert.Equal(created.ETag, byId!.ETag);
        Assert.Equal(created.ETag, byPlacement!.ETag);
    }

    [Fact]
    public async Task GetBeforeCreate_OrderFiledUnderAnotherMonth_AnswersNull_AndTheCreateThatFollowsIsRefused()
    {
        await Store.MoveLegacyOrdersAsync("brand-a", Token);
        var april = new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero);
        var created = await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "elsewhere", april)), Token);

        var beforeCreate = await Store.GetBeforeCreateAsync("brand-a", "shopify:elsewhere", Placed, Token);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "elsewhere", Placed)), Token));
        var fullRead = await Store.GetAsync("brand-a", "shopify:elsewhere", Placed, Token);

        Assert.Null(beforeCreate);
        Assert.Equal(created.ETag, fullRead!.ETag);
        using var inMarch = await Containers.Orders.ReadItemStreamAsync("shopify:elsewhere", new PartitionKey(MarchPartition), cancellationToken: Token);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, inMarch.StatusCode);
    }

    /// <summary>
    /// A create that died between its locator and its order left a locator naming April with no order there; every later
    /// delivery places the order in March. Within the grace that locator may be a create still in flight, so it stands;
    /// after it, the March create takes the locator over under its ETag and the order is filed once, in March.
    /// </summary>
    [Fact]
    public async Task Create_LocatorNamingAMonthWhereNoOrderArrived_IsTakenOverAfterTheGrace_AndTheOrderFiledOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 3, 9, 0, 0, TimeSpan.Zero));
        var store = new CosmosOrderStore(Containers, Options, NullLogger<CosmosOrderStore>.Instance, time);
        await store.MoveLegacyOrdersAsync("brand-a", Token);
        var april = new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero);
        await LeaveOnlyTheLocatorAsync(store, TestData.Order("brand-a", "orphan", april));
        var inMarch = TestData.Stored(TestData.Order("brand-a", "orphan", Placed));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.CreateAsync(inMarch, Token));
        time.Advance(CosmosOrderStore.LocatorGrace + TimeSpan.FromSeconds(1));
        var created = await store.CreateAsync(inMarch, Token);

        Assert.Equal(created.ETag, (await store.GetAsync("brand-a", "shopify:orphan", Token))!.ETag);
        Assert.Equal(created.ETag, (await store.GetBeforeCreateAsync("brand-a", "shopify:orphan", Placed, Token))!.ETag);
        Assert.Equal(created.ETag, (await store.GetAsync("brand-a", "shopify:orphan", april, Token))!.ETag);
        using var inApril = await Containers.Orders.ReadItemStreamAsync("shopify:orphan", new PartitionKey("brand-a|2026-04"), cancellationToken: Token);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, inApril.StatusCode);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "orphan", april)), Token));
    }

    [Fact]
    public async Task Create_LocatorNamingAMonthWhereTheOrderIs_IsNeverTakenOver()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 3, 9, 0, 0, TimeSpan.Zero));
        var store = new CosmosOrderStore(Containers, Options, NullLogger<CosmosOrderStore>.Instance, time);
        await store.MoveLegacyOrdersAsync("brand-a", Token);
        var april = new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero);
        var created = await store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "filed", april)), Token);

        time.Advance(CosmosOrderStore.LocatorGrace * 10);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "filed", Placed)), Token));
        Assert.Equal(created.ETag, (await store.GetAsync("brand-a", "shopify:filed", Token))!.ETag);
    }

    /// <summary>What a create that died between its two writes leaves: the order's locator, and no order.</summary>
    private async Task LeaveOnlyTheLocatorAsync(CosmosOrderStore store, Order order)
    {
        var created = await store.CreateAsync(TestData.Stored(order), Token);
        await Containers.Orders.DeleteItemAsync<object>(
            CosmosIds.Encode(order.Id), new PartitionKey(OrderDocument.PartitionKeyFor(order.BrandId, order.PlacedAt)),
            new ItemRequestOptions { IfMatchEtag = created.ETag }, Token);
    }

    [Fact]
    public async Task GetBeforeCreate_BrandNotYetMarkedMoved_FollowsTheLocatorToAnotherMonth()
    {
        var april = new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero);
        var created = await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "unmarked", april)), Token);

        var read = await Store.GetBeforeCreateAsync("brand-a", "shopify:unmarked", Placed, Token);

        Assert.Equal(created.ETag, read!.ETag);
    }

    [Fact]
    public async Task ListPlacedOn_DayOfAnotherMonth_ReadsOnlyThatMonth()
    {
        await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "feb-28", new DateTimeOffset(2026, 2, 28, 12, 0, 0, TimeSpan.Zero))), Token);
        await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "mar-28", new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero))), Token);

        var listed = await Store.ListPlacedOnAsync("brand-a", new DateOnly(2026, 2, 28), Token);

        Assert.Equal(["shopify:feb-28"], listed.Select(o => o.Order.Id));
    }

    [Fact]
    public async Task Get_DocumentFromNewerSchema_IsRefusedNotMisread()
    {
        await Store.CreateAsync(TestData.Stored(TestData.Order("brand-a", "5011", Placed)), Token);
        using var raw = await Containers.Orders.ReadItemStreamAsync("shopify:5011", new PartitionKey(MarchPartition), cancellationToken: Token);
        var node = System.Text.Json.Nodes.JsonNode.Parse(raw.Content)!;
        node["schemaVersion"] = 3;
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()));
        using var replaced = await Containers.Orders.ReplaceItemStreamAsync(body, "shopify:5011", new PartitionKey(MarchPartition), cancellationToken: Token);
        Assert.True(replaced.IsSuccessStatusCode);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.GetAsync("brand-a", "shopify:5011", Token));

        Assert.Contains("schemaVersion 3", ex.Message, StringComparison.Ordinal);
    }
}
