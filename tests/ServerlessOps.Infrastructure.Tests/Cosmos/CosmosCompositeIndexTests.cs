using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Serialization;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

/// <summary>
/// The orders composite index (cosmos-containers.json, deployed by Bicep) is the index of the queries
/// <see cref="CosmosOrderStore.ListPlacedOnAsync"/> sends: its equality filters first, then its ORDER BY. The query
/// text is taken from the wire, so a changed query without its index, or an index nobody queries, fails here. Until a
/// brand's orders have left the brand-partitioned layout the store sends the same query to the old partition too.
/// </summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed partial class CosmosCompositeIndexTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private readonly List<CosmosClient> _clients = [];

    [Fact]
    public async Task OrdersCompositeIndex_IsTheIndexOfListPlacedOnQuery()
    {
        // A brand whose orders have all moved: one query, in the day's month partition.
        await new CosmosOrderStore(Containers, Options, NullLogger<CosmosOrderStore>.Instance).MoveLegacyOrdersAsync("brand-a", Token);
        var recorder = new QueryRecorder();
        await RecordingStore(recorder).ListPlacedOnAsync("brand-a", new DateOnly(2026, 3, 1), Token);

        AssertServedByTheIndex(Assert.Single(recorder.Queries));
    }

    [Fact]
    public async Task OrdersCompositeIndex_IsTheIndexOfTheOldLayoutQueryToo()
    {
        var recorder = new QueryRecorder();
        await RecordingStore(recorder).ListPlacedOnAsync("brand-b", new DateOnly(2026, 3, 1), Token);

        Assert.Equal(2, recorder.Queries.Count);
        Assert.All(recorder.Queries, AssertServedByTheIndex);
    }

    private CosmosOrderStore RecordingStore(QueryRecorder recorder)
    {
        var client = Cosmos.CreateClient(new CosmosClientOptions
        {
            Serializer = new CosmosSystemTextJsonSerializer(CosmosJson.Options),
            CustomHandlers = { recorder, new EmulatorCompatibilityHandler() },
        });
        _clients.Add(client);
        return new CosmosOrderStore(new CosmosContainers(client, Containers.DatabaseName), Options, NullLogger<CosmosOrderStore>.Instance);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await base.DisposeAsync();
    }

    private static void AssertServedByTheIndex(string query)
    {
        var (equalities, orderBy) = Parse(query);
        var index = Assert.Single(CosmosContainers.Describe(CosmosContainers.OrdersName).IndexingPolicy.CompositeIndexes)
            .Select(p => (p.Path, p.Order)).ToList();

        // Cosmos serves "WHERE equalities ORDER BY x" from a composite index holding the equality paths (any
        // order) followed by the ORDER BY paths in the query's order and directions.
        Assert.True(index.Count == equalities.Count + orderBy.Count,
            $"Composite index [{Describe(index)}] does not have the paths of the query: {query}");
        Assert.Equal(orderBy, index.Skip(equalities.Count));
        Assert.Equal(equalities.Order(StringComparer.Ordinal), index.Take(equalities.Count).Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    private static (List<string> Equalities, List<(string Path, CompositePathSortOrder Order)> OrderBy) Parse(string query)
    {
        var match = QueryShape().Match(query);
        Assert.True(match.Success, $"Not a 'SELECT ... WHERE ... ORDER BY ...' query: {query}");
        var equalities = match.Groups["where"].Value.Split(" AND ", StringSplitOptions.TrimEntries).Select(condition =>
        {
            var equality = Equality().Match(condition);
            Assert.True(equality.Success, $"'{condition}' is not an equality filter; this test knows only equality filters and ORDER BY: {query}");
            return "/" + equality.Groups["property"].Value;
        }).ToList();
        var orderBy = match.Groups["orderBy"].Value.Split(',', StringSplitOptions.TrimEntries).Select(term =>
        {
            var sort = SortTerm().Match(term);
            Assert.True(sort.Success, $"'{term}' is not 'c.property [ASC|DESC]': {query}");
            var descending = sort.Groups["direction"].Value.Equals("DESC", StringComparison.OrdinalIgnoreCase);
            return ("/" + sort.Groups["property"].Value, descending ? CompositePathSortOrder.Descending : CompositePathSortOrder.Ascending);
        }).ToList();
        return (equalities, orderBy);
    }

    private static string Describe(IEnumerable<(string Path, CompositePathSortOrder Order)> index) =>
        string.Join(", ", index.Select(p => $"{p.Path} {p.Order}"));

    [GeneratedRegex(@"^SELECT .+ FROM c WHERE (?<where>.+) ORDER BY (?<orderBy>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex QueryShape();

    [GeneratedRegex(@"^c\.(?<property>[A-Za-z0-9_]+) = @[A-Za-z0-9_]+$")]
    private static partial Regex Equality();

    [GeneratedRegex(@"^c\.(?<property>[A-Za-z0-9_]+)(\s+(?<direction>ASC|DESC))?$", RegexOptions.IgnoreCase)]
    private static partial Regex SortTerm();

    /// <summary>Keeps the SQL text of every query request the client sends (the body is {"query": ..., "parameters": ...}).</summary>
    private sealed class QueryRecorder : RequestHandler
    {
        public ConcurrentQueue<string> Queries { get; } = new();

        public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers["x-ms-documentdb-isquery"] is { } isQuery && bool.TryParse(isQuery, out var yes) && yes && request.Content is { } content)
            {
                var body = new MemoryStream();
                await content.CopyToAsync(body, cancellationToken);
                body.Position = 0;
                using (var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken))
                {
                    Queries.Enqueue(json.RootElement.GetProperty("query").GetString()!);
                }

                body.Position = 0;
                request.Content = body;
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
