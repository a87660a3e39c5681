using System.Text.Json.Serialization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Infrastructure.Cosmos.Documents;

/// <summary>
/// A <see cref="PriceChange"/> in container <c>priceChanges</c>: id = the observation's deterministic id
/// (escaped), partition <c>{brandId}|{item key}</c> as for inventory.
/// </summary>
public sealed class PriceChangeDocument
{
    public const string DocumentType = "priceChange";
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

    public required PriceKind Kind { get; init; }

    /// <summary>Observed-at in sortable UTC.</summary>
    public required string ObservedAt { get; init; }

    public required PriceChange Change { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId, string itemKey) => $"{brandId}|{itemKey}";

    public static PriceChangeDocument FromDomain(PriceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(change.BrandId);
        var itemKey = Domain.Inventory.ItemKey.For(change.Sku, change.ChannelItemId);
        return new PriceChangeDocument
        {
            Id = CosmosIds.Encode(change.Id),
            Pk = PartitionKeyFor(change.BrandId, itemKey),
            BrandId = change.BrandId,
            ItemKey = itemKey,
            Channel = change.Channel.Slug(),
            Kind = change.Kind,
            ObservedAt = CosmosValues.SortableUtc(change.ObservedAt),
            Change = change,
        };
    }

    public PriceChange ToDomain()
    {
        CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
        return Change;
    }
}
