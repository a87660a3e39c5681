using System.Net;
using Microsoft.Azure.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Testing.Tests.Emulators;

public sealed class CosmosServerFixtureTests(CosmosServerFixture cosmos) : IClassFixture<CosmosServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Item_CreateThenRead_ReturnsSameItem()
    {
        using var client = cosmos.CreateClient();
        var container = await CreateContainerAsync(client);

        await container.CreateItemAsync(new Doc("o-1", "brand-1", 3), new PartitionKey("brand-1"), cancellationToken: Token);
        var read = await container.ReadItemAsync<Doc>("o-1", new PartitionKey("brand-1"), cancellationToken: Token);

        Assert.Equal(new Doc("o-1", "brand-1", 3), read.Resource);
    }

    [Fact]
    public async Task Replace_WithStaleEtag_FailsWithPreconditionFailed()
    {
        using var client = cosmos.CreateClient();
        var container = await CreateContainerAsync(client);
        var pk = new PartitionKey("brand-1");
        var created = await container.CreateItemAsync(new Doc("o-1", "brand-1", 1), pk, cancellationToken: Token);
        await container.ReplaceItemAsync(new Doc("o-1", "brand-1", 2), "o-1", pk,
            new ItemRequestOptions { IfMatchEtag = created.ETag }, Token);

        var ex = await Assert.ThrowsAsync<CosmosException>(() => container.ReplaceItemAsync(
            new Doc("o-1", "brand-1", 3), "o-1", pk, new ItemRequestOptions { IfMatchEtag = created.ETag }, Token));

        Assert.Equal(HttpStatusCode.PreconditionFailed, ex.StatusCode);
    }

    [Fact]
    public async Task Query_SinglePartitionWithDirectExecution_ReturnsItem()
    {
        using var client = cosmos.CreateClient();
        var container = await CreateContainerAsync(client);
        await container.CreateItemAsync(new Doc("o-1", "brand-1", 5), new PartitionKey("brand-1"), cancellationToken: Token);
        await container.CreateItemAsync(new Doc("o-2", "brand-2", 7), new PartitionKey("brand-2"), cancellationToken: Token);

        var query = new QueryDefinition("SELECT * FROM c WHERE c.brand = @brand AND c.qty > @min")
            .WithParameter("@brand", "brand-1")
            .WithParameter("@min", 1);
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey("brand-1"), EnableOptimisticDirectExecution = true };
        var results = new List<Doc>();
        using var iterator = container.GetItemQueryIterator<Doc>(query, requestOptions: options);
        while (iterator.HasMoreResults)
        {
            results.AddRange(await iterator.ReadNextAsync(Token));
        }

        Assert.Equal([new Doc("o-1", "brand-1", 5)], results);
    }

    [Fact]
    public async Task Query_InTheDatabaseWhoseResourceIdHoldsASlash_ReturnsItem()
    {
        // The server numbers databases from 1, and the 63rd gets resource id "gAA/AA==". The SDK addresses the
        // partition-key ranges by resource id, writing '/' as '-' as the real service expects; unpatched, the
        // server answered that 404 (seen as a flaky test once a test run created its 63rd database).
        await using var own = await CosmosServerFixture.StartAsync(Token);
        using var client = own.CreateClient();
        Container? container = null;
        for (var i = 1; i <= 63; i++)
        {
            container = await CreateContainerAsync(client);
        }

        var slashed = (await container!.Database.ReadAsync(cancellationToken: Token)).Resource.SelfLink;
        Assert.Contains("/", slashed.Replace("dbs/", string.Empty, StringComparison.Ordinal).TrimEnd('/'), StringComparison.Ordinal);
        await container.CreateItemAsync(new Doc("o-1", "brand-1", 5), new PartitionKey("brand-1"), cancellationToken: Token);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.brand = @brand").WithParameter("@brand", "brand-1");
        using var iterator = container.GetItemQueryIterator<Doc>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("brand-1") });
        var results = new List<Doc>();
        while (iterator.HasMoreResults)
        {
            results.AddRange(await iterator.ReadNextAsync(Token));
        }

        Assert.Equal([new Doc("o-1", "brand-1", 5)], results);
    }

    [Fact]
    public void Endpoint_IsLoopbackHttpsOnFixturePort()
    {
        Assert.Equal(new Uri($"https://127.0.0.1:{cosmos.Port}/"), cosmos.Endpoint);
        Assert.Equal($"AccountEndpoint=https://127.0.0.1:{cosmos.Port}/;AccountKey={CosmosServerFixture.AccountKey};", cosmos.ConnectionString);
    }

    [Fact]
    public async Task Dispose_KillsProcessAndFreesPort()
    {
        var own = await CosmosServerFixture.StartAsync(Token);
        var port = own.Port;
        var pid = own.ProcessId;
        Assert.True(await EmulatorProcess.AcceptsAsync(port, Token));

        await own.DisposeAsync();

        Assert.False(await EmulatorProcess.AcceptsAsync(port, Token), $"port {port} still accepts after dispose");
        Assert.True(AzuriteFixtureTests.ProcessIsGone(pid), $"process {pid} still runs after dispose");
    }

    private static async Task<Container> CreateContainerAsync(CosmosClient client)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        Database database = await client.CreateDatabaseIfNotExistsAsync("db" + suffix, cancellationToken: Token);
        return await database.CreateContainerIfNotExistsAsync("c" + suffix, "/brand", cancellationToken: Token);
    }

    // Cosmos needs lower-case "id"; the default serializer (Newtonsoft) keeps member names as written.
    private sealed record Doc(
        [property: Newtonsoft.Json.JsonProperty("id")] string Id,
        [property: Newtonsoft.Json.JsonProperty("brand")] string Brand,
        [property: Newtonsoft.Json.JsonProperty("qty")] int Qty);
}
