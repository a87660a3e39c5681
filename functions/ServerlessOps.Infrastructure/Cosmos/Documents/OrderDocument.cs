using System.Text.Json.Serialization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.Cosmos.Documents;

/// <summary>
/// A <see cref="StoredOrder"/> in container <c>orders</c>: id <c>{channel}:{external order id}</c> (escaped by
/// <see cref="CosmosIds"/>), partition <c>{brandId}</c>. The canonical snapshot sits in <see cref="Order"/> as is
/// (offsets and decimals exact); <see cref="OrderDay"/>, <see cref="PlacedAt"/>, <see cref="Channel"/> and
/// <see cref="Status"/> are copies for queries.
/// </summary>
public sealed class OrderDocument
{
    public const string DocumentType = "order";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    /// <summary>The brand id.</summary>
    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>UTC day placed, <c>yyyy-MM-dd</c>: the key of "a brand's orders for a day".</summary>
    public required string OrderDay { get; init; }

    /// <summary>Placed-at in sortable UTC (see <see cref="CosmosValues.SortableUtc"/>).</summary>
    public required string PlacedAt { get; init; }

    /// <summary>Channel slug (<c>shopify</c>, <c>amazon</c>, <c>walmart</c>, <c>tiktok</c>).</summary>
    public required string Channel { get; init; }

    public required OrderStatus Status { get; init; }

    public required Order Order { get; init; }

    /// <summary>Newest first; the caller caps it at <see cref="StoredOrder.MaxDeliveryReferences"/>.</summary>
    public required IReadOnlyList<DeliveryReference> Deliveries { get; init; }

    public required DateTimeOffset WrittenAt { get; init; }

    /// <summary>Set by Cosmos on read; never written.</summary>
    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId) => brandId;

    public static OrderDocument FromDomain(StoredOrder stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var order = stored.Order;
        ArgumentException.ThrowIfNullOrWhiteSpace(order.BrandId);
        return new OrderDocument
        {
            Id = CosmosIds.Encode(order.Id),
            Pk = PartitionKeyFor(order.BrandId),
            BrandId = order.BrandId,
            OrderDay = CosmosValues.Day(order.PlacedDay),
            PlacedAt = CosmosValues.SortableUtc(order.PlacedAt),
            Channel = order.Channel.Slug(),
            Status = order.Status,
            Order = order,
            Deliveries = stored.Deliveries,
            WrittenAt = stored.WrittenAt,
        };
    }

    public StoredOrder ToDomain()
    {
        CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
        return new StoredOrder(Order, Deliveries ?? [], WrittenAt);
    }
}
