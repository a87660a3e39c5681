using System.Text.Json.Serialization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Infrastructure.Cosmos.Documents;

/// <summary>
/// An <see cref="InventoryLevelEvent"/> in container <c>inventoryEvents</c>: id = the event's deterministic id
/// (escaped), partition <c>{brandId}|{item key}</c> (<see cref="ItemKey"/>: the SKU, else <c>item:{channel item id}</c>).
/// </summary>
public sealed class InventoryEventDocument
{
    public const string DocumentType = "inventoryLevel";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    /// <summary><c>{brandId}|{item key}</c>.</summary>
    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string ItemKey { get; init; }

    /// <summary>Channel slug.</summary>
    public required string Channel { get; init; }

    /// <summary>Observed-at in sortable UTC.</summary>
    public required string ObservedAt { get; init; }

    public required InventoryLevelEvent Event { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId, string itemKey) => $"{brandId}|{itemKey}";

    public static InventoryEventDocument FromDomain(InventoryLevelEvent levelEvent)
    {
        ArgumentNullException.ThrowIfNull(levelEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(levelEvent.BrandId);
        var itemKey = Domain.Inventory.ItemKey.For(levelEvent.Sku, levelEvent.ChannelItemId);
        return new InventoryEventDocument
        {
            Id = CosmosIds.Encode(levelEvent.Id),
            Pk = PartitionKeyFor(levelEvent.BrandId, itemKey),
            BrandId = levelEvent.BrandId,
            ItemKey = itemKey,
            Channel = levelEvent.Channel.Slug(),
            ObservedAt = CosmosValues.SortableUtc(levelEvent.ObservedAt),
            Event = levelEvent,
        };
    }

    public InventoryLevelEvent ToDomain()
    {
        CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
        return Event;
    }
}
