using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

/// <summary>An emulator of its own, stopped under a live client: every store call must say "unavailable", never leak a Cosmos type.</summary>
public sealed class CosmosStoreUnavailableTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stores_EmulatorStopped_ThrowStoreUnavailableWithRetryAfter()
    {
        var options = Options.Create(new CosmosOptions { AcceptEmulatorCertificate = true, CreateIfMissing = true, RequestTimeoutSeconds = 2 });
        var server = await CosmosServerFixture.StartAsync(Token);
        options.Value.ConnectionString = server.ConnectionString;
        using var client = CosmosClientFactory.Create(options.Value);
        var containers = new CosmosContainers(client, $"down-{Guid.NewGuid():N}");
        var log = new FakeLogger<CosmosOrderStore>();
        var orders = new CosmosOrderStore(containers, options, log);
        var quarantine = new CosmosQuarantineStore(containers, options, NullLogger<CosmosQuarantineStore>.Instance);
        var placed = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        try
        {
            await new CosmosInitializer(containers, options, NullLogger<CosmosInitializer>.Instance).InitializeAsync(Token);
            await orders.CreateAsync(TestData.Stored(TestData.Order("brand-a", "1", placed)), Token);
        }
        finally
        {
            await server.DisposeAsync();
        }

        var read = await Assert.ThrowsAsync<StoreUnavailableException>(() => orders.GetAsync("brand-a", "shopify:1", Token));
        var write = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            orders.CreateAsync(TestData.Stored(TestData.Order("brand-a", "2", placed)), Token));
        var list = await Assert.ThrowsAsync<StoreUnavailableException>(() => quarantine.ListAsync("brand-a", QuarantineState.Open, Token));
        var upsert = await Assert.ThrowsAsync<StoreUnavailableException>(() => quarantine.UpsertAsync(new QuarantinedDelivery
        {
            DeliveryKey = "k",
            BrandId = "brand-a",
            Channel = SalesChannel.Shopify,
            DeliveryId = "d",
            Topic = "orders/create",
            RawBlobName = "raw/k",
            Reason = "r",
            QuarantinedAt = placed,
        }, Token));

        Assert.All([read, write, list, upsert], ex =>
        {
            Assert.True(ex.RetryAfter > TimeSpan.Zero);
            Assert.Contains("Cosmos DB", ex.Message, StringComparison.Ordinal);
        });
        Assert.Contains("shopify:1", read.Message, StringComparison.Ordinal);
        var records = log.Collector.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id is 4002 or 4003);
        Assert.DoesNotContain(records, r => r.Message.Contains(CosmosServerFixture.AccountKey, StringComparison.Ordinal));
    }
}
