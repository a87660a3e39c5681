using System.Collections.ObjectModel;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// The database and containers as <c>infra/azure/cosmos-containers.json</c> defines them: the one definition the
/// Bicep template deploys in Azure (<c>loadJsonContent</c>) and this assembly embeds to create the containers on
/// the local emulator, so the two cannot drift. Every container shares the partition key path and indexing policy;
/// each adds its own composite indexes.
/// </summary>
public sealed class CosmosContainerDefinitions
{
    /// <summary>Manifest name of the embedded copy (ServerlessOps.Infrastructure.csproj links the file).</summary>
    public const string ResourceName = "ServerlessOps.Infrastructure.Cosmos.cosmos-containers.json";

    private static readonly JsonSerializerOptions _json = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<CosmosContainerDefinitions> _embedded = new(LoadEmbedded);

    private readonly Dictionary<string, ContainerJson> _containers;
    private readonly IndexingPolicyJson _indexingPolicy;

    private CosmosContainerDefinitions(DefinitionJson definition)
    {
        DatabaseName = Required(definition.DatabaseName, "databaseName");
        PartitionKeyPath = Required(definition.PartitionKeyPath, "partitionKeyPath");
        _indexingPolicy = definition.IndexingPolicy ?? throw Invalid("indexingPolicy is missing.");
        var containers = definition.Containers ?? throw Invalid("containers is missing.");
        _containers = new Dictionary<string, ContainerJson>(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            var name = Required(container.Name, "containers[].name");
            if (!_containers.TryAdd(name, container))
            {
                throw Invalid($"container '{name}' is defined twice.");
            }
        }

        Names = [.. containers.Select(c => c.Name!)];
    }

    /// <summary>The definition embedded in this assembly.</summary>
    public static CosmosContainerDefinitions Embedded => _embedded.Value;

    /// <summary>Database holding every container (<c>databaseName</c>).</summary>
    public string DatabaseName { get; }

    /// <summary>Partition key path of every container (<c>partitionKeyPath</c>), hash v2.</summary>
    public string PartitionKeyPath { get; }

    /// <summary>Container names in the file's order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads a definition in the cosmos-containers.json shape; throws naming what is missing or wrong.</summary>
    public static CosmosContainerDefinitions Parse(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        DefinitionJson? definition;
        try
        {
            definition = JsonSerializer.Deserialize<DefinitionJson>(json, _json);
        }
        catch (JsonException e)
        {
            throw Invalid($"it is not valid JSON ({e.Message}).");
        }

        return new CosmosContainerDefinitions(definition ?? throw Invalid("it is empty."));
    }

    /// <summary>
    /// The container's properties as Azure gets them: partition key, consistent indexing policy with its included
    /// and excluded paths, and the container's composite indexes.
    /// </summary>
    public ContainerProperties Describe(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_containers.TryGetValue(name, out var container))
        {
            throw new ArgumentException($"'{name}' is not one of the defined containers ({string.Join(", ", Names)}).", nameof(name));
        }

        var policy = new IndexingPolicy
        {
            IndexingMode = Enum.Parse<IndexingMode>(Required(_indexingPolicy.IndexingMode, "indexingPolicy.indexingMode"), ignoreCase: true),
            Automatic = _indexingPolicy.Automatic ?? true,
        };
        foreach (var path in _indexingPolicy.IncludedPaths ?? [])
        {
            policy.IncludedPaths.Add(new IncludedPath { Path = Required(path.Path, "indexingPolicy.includedPaths[].path") });
        }

        foreach (var path in _indexingPolicy.ExcludedPaths ?? [])
        {
            policy.ExcludedPaths.Add(new ExcludedPath { Path = Required(path.Path, "indexingPolicy.excludedPaths[].path") });
        }

        foreach (var index in container.CompositeIndexes ?? [])
        {
            policy.CompositeIndexes.Add(new Collection<CompositePath>(
                [.. index.Select(part => new CompositePath
                {
                    Path = Required(part.Path, $"containers[{name}].compositeIndexes[][].path"),
                    Order = Enum.Parse<CompositePathSortOrder>(Required(part.Order, $"containers[{name}].compositeIndexes[][].order"), ignoreCase: true),
                })]));
        }

        return new ContainerProperties(name, PartitionKeyPath)
        {
            PartitionKeyDefinitionVersion = PartitionKeyDefinitionVersion.V2,
            IndexingPolicy = policy,
            DefaultTimeToLive = container.DefaultTtl,
        };
    }

    private static CosmosContainerDefinitions LoadEmbedded()
    {
        using var stream = typeof(CosmosContainerDefinitions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(CosmosContainerDefinitions).Assembly.GetName().Name}.");
        return Parse(stream);
    }

    private static string Required(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid($"{what} is missing.") : value;

    private static InvalidOperationException Invalid(string problem) =>
        new($"cosmos-containers.json: {problem}");

    private sealed record DefinitionJson(string? DatabaseName, string? PartitionKeyPath, IndexingPolicyJson? IndexingPolicy, IReadOnlyList<ContainerJson>? Containers);

    private sealed record IndexingPolicyJson(string? IndexingMode, bool? Automatic, IReadOnlyList<PathJson>? IncludedPaths, IReadOnlyList<PathJson>? ExcludedPaths);

    private sealed record PathJson(string? Path);

    /// <param name="DefaultTtl">Cosmos DB's <c>defaultTtl</c>: absent = no expiry; -1 = documents with a <c>ttl</c> expire, others never.</param>
    private sealed record ContainerJson(string? Name, IReadOnlyList<IReadOnlyList<CompositePathJson>>? CompositeIndexes, int? DefaultTtl);

    private sealed record CompositePathJson(string? Path, string? Order);
}
