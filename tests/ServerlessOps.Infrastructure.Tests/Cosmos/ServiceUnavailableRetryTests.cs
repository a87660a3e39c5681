using Microsoft.Azure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.Faults;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

/// <summary>
/// The app's Cosmos client (<see cref="CosmosClientFactory"/>) in front of the real Cosmos server through the fault proxy:
/// a 503 the SDK would hand back for a write on a one-region account is sent again by the client itself.
/// </summary>
public sealed class ServiceUnavailableRetryTests(CosmosServerFixture cosmos) : IClassFixture<CosmosServerFixture>
{
    private const int Items = 30;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CosmosAnswering503_TheAppsClientSendsEachRequestAgain_AndEveryWriteAndReadSucceedsOnce()
    {
        await using var proxy = await FaultProxy.StartAsync(cosmos.Endpoint, FaultDialect.Cosmos, cancellationToken: Token);
        using var client = CosmosClientFactory.Create(new CosmosOptions
        {
            ConnectionString = $"AccountEndpoint={proxy.Endpoint};AccountKey={CosmosServerFixture.AccountKey};",
            AcceptEmulatorCertificate = true,
        });
        var database = (await client.CreateDatabaseIfNotExistsAsync("retry-" + Guid.NewGuid().ToString("N")[..8], cancellationToken: Token)).Database;
        var container = (await database.CreateContainerIfNotExistsAsync("items", "/pk", cancellationToken: Token)).Container;

        proxy.SetFaults(new FaultMix(0.1, [503]));
        for (var i = 0; i < Items; i++)
        {
            await container.CreateItemAsync(new Item($"i-{i}", "p"), new PartitionKey("p"), cancellationToken: Token);
            await container.ReadItemAsync<Item>($"i-{i}", new PartitionKey("p"), cancellationToken: Token);
        }

        proxy.SetFaults(FaultMix.None);
        var figures = proxy.Figures;

        using var direct = cosmos.CreateClient();
        using var count = direct.GetContainer(database.Id, "items").GetItemQueryIterator<int>(
            new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.pk = 'p'"),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("p"), EnableOptimisticDirectExecution = true });
        Assert.Equal(Items, (await count.ReadNextAsync(Token)).Single());
        Assert.True(figures.Faulted.GetValueOrDefault(503) > 0, "no request was answered 503");
        Assert.Equal(0, figures.NotRetried);
        Assert.Equal(figures.FaultedTotal, figures.Retried);
    }

    private sealed record Item(
        [property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id,
        [property: System.Text.Json.Serialization.JsonPropertyName("pk")] string Pk);
}
