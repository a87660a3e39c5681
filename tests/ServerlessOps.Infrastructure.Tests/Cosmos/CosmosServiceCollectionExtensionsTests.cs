using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

[Collection(SharedCosmosEmulator.Name)]
public sealed class CosmosServiceCollectionExtensionsTests(CosmosServerFixture cosmos)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddCosmosStores_InitializeCalledConcurrently_CreatesEveryContainerOnceAndStoresWork()
    {
        var database = $"di-{Guid.NewGuid():N}";
        await using var provider = Provider(database, createIfMissing: true);
        provider.GetRequiredService<IStartupValidator>().Validate();
        var initializer = provider.GetRequiredService<ICosmosInitializer>();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => initializer.InitializeAsync(Token), Token)));
        await initializer.InitializeAsync(Token);

        var client = provider.GetRequiredService<CosmosClient>();
        try
        {
            foreach (var name in CosmosContainers.AllNames)
            {
                var properties = (await client.GetContainer(database, name).ReadContainerAsync(cancellationToken: Token)).Resource;
                Assert.Equal("/pk", properties.PartitionKeyPath);
            }

            Assert.Same(provider.GetRequiredService<IOrderStore>(), provider.GetRequiredService<IOrderStore>());
            Assert.NotNull(provider.GetRequiredService<IChannelEventLog>());
            Assert.NotNull(provider.GetRequiredService<IQuarantineStore>());
            Assert.NotNull(provider.GetRequiredService<IInventoryEventStore>());
            Assert.NotNull(provider.GetRequiredService<IPriceChangeStore>());
            var placed = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
            await provider.GetRequiredService<IOrderStore>().CreateAsync(TestData.Stored(TestData.Order("brand-di", "1", placed)), Token);
            Assert.Single(await provider.GetRequiredService<IOrderStore>().ListPlacedOnAsync("brand-di", new DateOnly(2026, 3, 1), Token));
        }
        finally
        {
            await client.GetDatabase(database).DeleteAsync(cancellationToken: CancellationToken.None);
        }
    }

    [Fact]
    public async Task Initialize_CreateIfMissingFalse_CreatesNothing()
    {
        var database = $"di-off-{Guid.NewGuid():N}";
        await using var provider = Provider(database, createIfMissing: false);

        await provider.GetRequiredService<ICosmosInitializer>().InitializeAsync(Token);

        var ex = await Assert.ThrowsAsync<CosmosException>(() =>
            provider.GetRequiredService<CosmosClient>().GetDatabase(database).ReadAsync(cancellationToken: Token));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.StatusCode);
    }

    private ServiceProvider Provider(string database, bool createIfMissing)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:ConnectionString"] = cosmos.ConnectionString,
            ["Cosmos:AcceptEmulatorCertificate"] = "true",
            ["Cosmos:CreateIfMissing"] = createIfMissing ? "true" : "false",
            ["Cosmos:DatabaseName"] = database,
        }).Build();
        return new ServiceCollection().AddLogging().AddCosmosStores(configuration).BuildServiceProvider();
    }
}
