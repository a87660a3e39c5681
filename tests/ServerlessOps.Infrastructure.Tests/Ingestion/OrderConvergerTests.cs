using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Serialization;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Ingestion;

/// <summary>The converger's reads and writes on the real order store, counted where they leave the Cosmos client.</summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class OrderConvergerTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private const string Brand = "brand-a";
    private static readonly DateTimeOffset April = new(2026, 4, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Point reads in container <c>orders</c>, orders and locators alike.</summary>
    private readonly CosmosPointReads _reads = new((path, _) => path.Contains("/colls/orders/docs/", StringComparison.Ordinal));
    private CosmosClient? _countingClient;

    public override async ValueTask DisposeAsync()
    {
        _countingClient?.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task NewOrder_IsReadOnceInItsMonth_NotThroughItsLocator()
    {
        var store = await MovedBrandStoreAsync();

        var written = await Converger(store).ConvergeAsync(TestData.Order(Brand, "new-1", April), TestData.Delivery("d-1", April), Token);

        Assert.Equal(DeliveryOutcome.Applied, written.Outcome);
        Assert.Equal(1, _reads.Count);
        Assert.NotNull(await store.GetAsync(Brand, "shopify:new-1", Token));

        // What the full read of an absent order costs: its month, then its locator.
        var before = _reads.Count;
        Assert.Null(await store.GetAsync(Brand, "shopify:absent", April, Token));
        Assert.Equal(2, _reads.Count - before);
    }

    [Fact]
    public async Task SnapshotCarryingAnotherMonth_ConvergesOntoTheOrderWhereItIsFiled()
    {
        var store = await MovedBrandStoreAsync();
        var converger = Converger(store);
        var first = TestData.Order(Brand, "moved-1", April);
        await converger.ConvergeAsync(first, TestData.Delivery("d-1", April), Token);

        // A later snapshot of the same order placing it in March: the create it would lead to is refused by the locator.
        var march = new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero);
        var later = first with { PlacedAt = march, Version = new OrderVersion(April.AddHours(1), April.AddHours(1)), DisplayNumber = "#2001" };
        var written = await converger.ConvergeAsync(later, TestData.Delivery("d-2", April.AddHours(1)), Token);

        Assert.Equal(DeliveryOutcome.Applied, written.Outcome);
        var stored = (await store.GetAsync(Brand, "shopify:moved-1", Token))!.Value;
        Assert.Equal("#2001", stored.Order.DisplayNumber);
        Assert.Equal(April, stored.Order.PlacedAt);
        Assert.Equal(["d-2", "d-1"], stored.Deliveries.Select(d => d.DeliveryKey));
        using var inMarch = await Containers.Orders.ReadItemStreamAsync("shopify:moved-1", new PartitionKey($"{Brand}|2026-03"), cancellationToken: Token);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, inMarch.StatusCode);
    }

    /// <summary>
    /// The first delivery's create died between the order's locator (April) and the order; every later snapshot places it
    /// in March. Once the locator is older than the store's grace, the converger files the order in March instead of
    /// meeting the locator's refusal until the delivery is quarantined.
    /// </summary>
    [Fact]
    public async Task SnapshotOfAnOrderWhoseFirstCreateDiedAfterItsLocator_PlacingItInAnotherMonth_IsFiledThere()
    {
        var time = new FakeTimeProvider(April.AddDays(1));
        var store = await MovedBrandStoreAsync(time);
        var first = TestData.Order(Brand, "orphan-1", April);
        var died = await store.CreateAsync(new StoredOrder(first, [TestData.Delivery("d-1", April)], April), Token);
        await Containers.Orders.DeleteItemAsync<object>(
            "shopify:orphan-1", new PartitionKey($"{Brand}|2026-04"), new ItemRequestOptions { IfMatchEtag = died.ETag }, Token);
        time.Advance(CosmosOrderStore.LocatorGrace + TimeSpan.FromSeconds(1));

        var march = new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero);
        var later = first with { PlacedAt = march, Version = new OrderVersion(April.AddHours(1), April.AddHours(1)), DisplayNumber = "#2002" };
        var written = await Converger(store).ConvergeAsync(later, TestData.Delivery("d-2", April.AddHours(1)), Token);

        Assert.Equal(DeliveryOutcome.Applied, written.Outcome);
        var stored = (await store.GetAsync(Brand, "shopify:orphan-1", Token))!.Value;
        Assert.Equal((march, "#2002"), (stored.Order.PlacedAt, stored.Order.DisplayNumber));
        Assert.Equal(["d-2"], stored.Deliveries.Select(d => d.DeliveryKey));
        using var inApril = await Containers.Orders.ReadItemStreamAsync("shopify:orphan-1", new PartitionKey($"{Brand}|2026-04"), cancellationToken: Token);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, inApril.StatusCode);
    }

    /// <summary>A store whose brand has nothing in the old layout (its mark written), on a client that counts order reads.</summary>
    private async Task<CosmosOrderStore> MovedBrandStoreAsync(TimeProvider? time = null)
    {
        _countingClient = Cosmos.CreateClient(new CosmosClientOptions
        {
            Serializer = new CosmosSystemTextJsonSerializer(CosmosJson.Options),
            CustomHandlers = { _reads, new EmulatorCompatibilityHandler() },
        });
        var store = new CosmosOrderStore(new CosmosContainers(_countingClient, Containers.DatabaseName), Options, NullLogger<CosmosOrderStore>.Instance, time);
        await store.MoveLegacyOrdersAsync(Brand, Token);
        _reads.Reset();
        return store;
    }

    private static OrderConverger Converger(CosmosOrderStore store) => new(store, new NoBrands(), TimeProvider.System);

    private sealed class NoBrands : IBrandDirectorySource
    {
        public BrandDirectory Current => BrandDirectory.Empty;
    }
}
