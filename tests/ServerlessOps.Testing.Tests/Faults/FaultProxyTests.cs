using System.Net;
using Microsoft.Azure.Cosmos;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.Faults;

namespace ServerlessOps.Testing.Tests.Faults;

/// <summary>The fault proxy in front of the real Cosmos server, reached by the real SDK over HTTPS.</summary>
public sealed class FaultProxyTests(CosmosServerFixture cosmos) : IClassFixture<CosmosServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CosmosThroughProxy_HalfThrottled_SdkRetriesEveryFaultAfterTheHintAndEachItemIsCreatedOnce()
    {
        await using var proxy = await FaultProxy.StartAsync(cosmos.Endpoint, FaultDialect.Cosmos, cancellationToken: Token);
        using var client = Client(proxy.Endpoint);
        var database = (await client.CreateDatabaseIfNotExistsAsync("proxy-" + Guid.NewGuid().ToString("N")[..8], cancellationToken: Token)).Database;
        var container = (await database.CreateContainerIfNotExistsAsync("items", "/pk", cancellationToken: Token)).Container;

        proxy.SetFaults(new FaultMix(0.5, [429], TimeSpan.FromMilliseconds(20)));
        for (var i = 0; i < 20; i++)
        {
            await container.CreateItemAsync(new Item($"i-{i}", "p"), new PartitionKey("p"), cancellationToken: Token);
        }

        proxy.SetFaults(FaultMix.None);
        var figures = proxy.Figures;

        // Read past the proxy: what the server holds.
        using var direct = cosmos.CreateClient();
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.pk = 'p'");
        using var count = direct.GetContainer(database.Id, "items").GetItemQueryIterator<int>(
            query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("p"), EnableOptimisticDirectExecution = true });
        Assert.Equal(20, (await count.ReadNextAsync(Token)).Single());
        Assert.True(figures.Faulted.GetValueOrDefault(429) > 0, "no request was throttled");
        Assert.True(figures.Retried > 0 && figures.Retried <= figures.FaultedTotal, $"{figures.Retried} retried of {figures.FaultedTotal} faulted");
        Assert.True(figures.RetryDelay(0) >= 15, $"a retry came {figures.RetryDelay(0):0} ms after its 429, before the 20 ms hint");
    }

    [Fact]
    public async Task CosmosThroughProxy_NoFaults_PassesTheServersAnswersThrough()
    {
        await using var proxy = await FaultProxy.StartAsync(cosmos.Endpoint, FaultDialect.Cosmos, cancellationToken: Token);
        using var client = Client(proxy.Endpoint);
        var database = (await client.CreateDatabaseIfNotExistsAsync("proxy-" + Guid.NewGuid().ToString("N")[..8], cancellationToken: Token)).Database;
        var container = (await database.CreateContainerIfNotExistsAsync("items", "/pk", cancellationToken: Token)).Container;
        await container.CreateItemAsync(new Item("a", "p"), new PartitionKey("p"), cancellationToken: Token);

        var again = await Assert.ThrowsAsync<CosmosException>(() => container.CreateItemAsync(new Item("a", "p"), new PartitionKey("p"), cancellationToken: Token));

        Assert.Equal(new Item("a", "p"), (await container.ReadItemAsync<Item>("a", new PartitionKey("p"), cancellationToken: Token)).Resource);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(0, proxy.Figures.FaultedTotal);
    }

    /// <summary>A client for the proxy: it serves its own self-signed certificate, accepted for its endpoint only.</summary>
    private static CosmosClient Client(Uri endpoint)
    {
        var policy = new EmulatorCertificatePolicy(endpoint);
        return new CosmosClient(endpoint.ToString(), CosmosServerFixture.AccountKey, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            MaxRetryAttemptsOnRateLimitedRequests = 30,
            HttpClientFactory = () => new HttpClient(policy.CreateHandler(), disposeHandler: true),
        });
    }

    // Cosmos needs lower-case "id"; the default serializer (Newtonsoft) keeps member names as written.
    private sealed record Item(
        [property: Newtonsoft.Json.JsonProperty("id")] string Id,
        [property: Newtonsoft.Json.JsonProperty("pk")] string Pk);
}
