using Microsoft.Azure.Cosmos;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// The database's containers: names, partition key, indexing policy (all three as
/// <see cref="CosmosContainerDefinitions"/> reads them from infra/azure/cosmos-containers.json, which the Bicep
/// template deploys too), and <see cref="EnsureCreatedAsync"/> for the emulator. Also hands out the
/// <see cref="Container"/> proxies (no I/O; one per name, shared).
/// </summary>
public sealed class CosmosContainers
{
    /// <summary>The database of cosmos-containers.json (a test keeps them equal).</summary>
    public const string DefaultDatabaseName = "serverlessops";

    /// <summary>
    /// Every container is partitioned on this synthetic property; see each document type for its value. Equals
    /// cosmos-containers.json's partitionKeyPath (a test keeps them equal).
    /// </summary>
    public const string PartitionKeyPath = "/pk";

    public const string OrdersName = "orders";
    public const string ChannelEventsName = "channelEvents";
    public const string QuarantineName = "quarantine";
    public const string InventoryEventsName = "inventoryEvents";
    public const string PriceChangesName = "priceChanges";

    /// <summary>Business alerts and each brand's open-alert rollup (partition = brand; Infrastructure/Alerts).</summary>
    public const string AlertsName = "alerts";

    /// <summary>Brands, channel accounts and their audit trail (Infrastructure/Registry).</summary>
    public const string RegistryName = "registry";

    /// <summary>Positions of what follows changes: the backstop's watermarks and daily rollups (partition <c>backstop|{brandId}</c>, Infrastructure/Backstop); pull-model change-feed continuations.</summary>
    public const string LeasesName = "leases";

    /// <summary>Each channel account's access and refresh tokens and refresh lease, and OAuth connection states (Infrastructure/Tokens).</summary>
    public const string ChannelTokensName = "channelTokens";

    /// <summary>Each brand's catalog: SKUs with their channel listings, unit costs and channel fee schedules, and the record of every import (Infrastructure/Catalog).</summary>
    public const string CatalogName = "catalog";

    /// <summary>Stock balances per brand, SKU and location and every movement applied to them (Infrastructure/Inventory).</summary>
    public const string InventoryLedgerName = "inventoryLedger";

    /// <summary>Each brand's report index (entries, written once all their blobs are) and the audit of download links (Infrastructure/Reports).</summary>
    public const string ReportsName = "reports";

    /// <summary>The monthly review's imported history: ad spend, stock snapshots, targets, exchange rates, partition <c>{brandId}|{kind}|{yyyy-MM}</c> (Infrastructure/Review/Data).</summary>
    public const string ReviewDataName = "reviewData";

    /// <summary>The audit log of human actions, partition <c>{brandId}|{yyyy-MM}</c> (Infrastructure/Audit).</summary>
    public const string AuditLogName = "auditLog";

    public CosmosContainers(CosmosClient client, string databaseName)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseName);
        Client = client;
        DatabaseName = databaseName;
        Orders = client.GetContainer(databaseName, OrdersName);
        ChannelEvents = client.GetContainer(databaseName, ChannelEventsName);
        Quarantine = client.GetContainer(databaseName, QuarantineName);
        InventoryEvents = client.GetContainer(databaseName, InventoryEventsName);
        PriceChanges = client.GetContainer(databaseName, PriceChangesName);
        Alerts = client.GetContainer(databaseName, AlertsName);
        Registry = client.GetContainer(databaseName, RegistryName);
        Leases = client.GetContainer(databaseName, LeasesName);
        ChannelTokens = client.GetContainer(databaseName, ChannelTokensName);
        Catalog = client.GetContainer(databaseName, CatalogName);
        InventoryLedger = client.GetContainer(databaseName, InventoryLedgerName);
        Reports = client.GetContainer(databaseName, ReportsName);
    }

    /// <summary>All container names, in creation order: those of cosmos-containers.json (a test keeps them equal).</summary>
    public static IReadOnlyList<string> AllNames { get; } =
        [OrdersName, ChannelEventsName, QuarantineName, InventoryEventsName, PriceChangesName, RegistryName, AlertsName, LeasesName, ChannelTokensName, CatalogName, InventoryLedgerName, ReportsName, ReviewDataName, AuditLogName];

    public CosmosClient Client { get; }

    public string DatabaseName { get; }

    public Container Orders { get; }

    public Container ChannelEvents { get; }

    public Container Quarantine { get; }

    public Container InventoryEvents { get; }

    public Container PriceChanges { get; }

    public Container Alerts { get; }

    public Container Registry { get; }

    public Container Leases { get; }

    public Container ChannelTokens { get; }

    public Container Catalog { get; }

    public Container InventoryLedger { get; }

    public Container Reports { get; }

    /// <summary>
    /// The container's definition from <see cref="CosmosContainerDefinitions.Embedded"/>, the file the Bicep
    /// template deploys: partition key <c>/pk</c> (hash v2), consistent indexing of everything except raw
    /// payloads, line taxes and the ETag, and the container's composite indexes.
    /// </summary>
    public static ContainerProperties Describe(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!AllNames.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not one of the app's containers ({string.Join(", ", AllNames)}).", nameof(name));
        }

        return CosmosContainerDefinitions.Embedded.Describe(name);
    }

    /// <summary>
    /// Creates the database and every container when missing; leaves existing ones untouched (their
    /// indexing policy is not compared or updated). Idempotent, and safe against another process doing the
    /// same: the SDK's "if not exists" treats the other writer's 409 as success. Needs key (control-plane)
    /// access: the emulator's connection string, never the app's managed identity.
    /// </summary>
    public static async Task EnsureCreatedAsync(CosmosClient client, string databaseName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseName);
        var database = (await client.CreateDatabaseIfNotExistsAsync(databaseName, cancellationToken: cancellationToken)).Database;
        foreach (var name in AllNames)
        {
            await database.CreateContainerIfNotExistsAsync(Describe(name), cancellationToken: cancellationToken);
        }
    }
}
