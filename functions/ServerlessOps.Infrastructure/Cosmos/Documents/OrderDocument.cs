using System.Globalization;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.Cosmos.Documents;

/// <summary>
/// A <see cref="StoredOrder"/> in container <c>orders</c>: id <c>{channel}:{external order id}</c> (escaped by
/// <see cref="CosmosIds"/>), partition <c>{brandId}|{yyyy-MM}</c>, the UTC month of placement (schema 2), so a brand's
/// orders spread over one partition per month instead of filling one for ever (Cosmos caps a logical partition at
/// 20 GB). Schema 1 documents sit in the layout before it, partition <c>{brandId}</c>, until the partition migration
/// moves them. The canonical snapshot sits in <see cref="Order"/> as is (offsets and decimals exact);
/// <see cref="OrderDay"/>, <see cref="PlacedAt"/>, <see cref="Channel"/> and <see cref="Status"/> are copies for queries.
/// </summary>
public sealed class OrderDocument
{
    public const string DocumentType = "order";

    /// <summary>2: partitioned by brand and month, lines with every unit state and nullable money, refunds, channel facts.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The layout before partitioning by month: partition = brand id.</summary>
    public const int BrandPartitionedSchemaVersion = 1;

    public required string Id { get; init; }

    /// <summary><c>{brandId}|{yyyy-MM}</c>; the brand id alone in schema 1.</summary>
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

    /// <summary><see cref="StoredOrder.FirstStoredAt"/>; absent on documents written before 2026-12-07.</summary>
    public DateTimeOffset? FirstStoredAt { get; init; }

    /// <summary>Set by Cosmos on read; never written.</summary>
    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    /// <summary>The partition of a brand's orders placed in <paramref name="placedAt"/>'s UTC month.</summary>
    public static string PartitionKeyFor(string brandId, DateTimeOffset placedAt) =>
        $"{brandId}|{placedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    /// <summary>The partition of a brand's orders placed on <paramref name="day"/> (UTC).</summary>
    public static string PartitionKeyFor(string brandId, DateOnly day) =>
        $"{brandId}|{day.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    /// <summary>The partition every order of a brand shared in schema 1.</summary>
    public static string LegacyPartitionKeyFor(string brandId) => brandId;

    public static OrderDocument FromDomain(StoredOrder stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var order = stored.Order;
        ArgumentException.ThrowIfNullOrWhiteSpace(order.BrandId);
        return new OrderDocument
        {
            Id = CosmosIds.Encode(order.Id),
            Pk = PartitionKeyFor(order.BrandId, order.PlacedAt),
            BrandId = order.BrandId,
            OrderDay = CosmosValues.Day(order.PlacedDay),
            PlacedAt = CosmosValues.SortableUtc(order.PlacedAt),
            Channel = order.Channel.Slug(),
            Status = order.Status,
            Order = order,
            Deliveries = stored.Deliveries,
            WrittenAt = stored.WrittenAt,
            FirstStoredAt = stored.FirstStoredAt,
        };
    }

    public StoredOrder ToDomain()
    {
        CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
        var order = SchemaVersion == BrandPartitionedSchemaVersion ? FromSchema1(Order) : Order;
        return new StoredOrder(order, Deliveries ?? [], WrittenAt) { FirstStoredAt = FirstStoredAt };
    }

    /// <summary>
    /// Schema 1 orders had their status mapped from the channel's words and knew no channel facts: read the facts back
    /// from that status so the next merge derives the same one (released unless Pending, delivered when Delivered, the
    /// refund state of a refunded order, every unshipped unit cancelled in a cancelled one). The stored status is kept.
    /// </summary>
    private static Order FromSchema1(Order order)
    {
        var facts = new OrderChannelFacts
        {
            Released = order.Status != OrderStatus.Pending,
            Delivered = order.Status == OrderStatus.Delivered,
            Cancelled = order.Status == OrderStatus.Cancelled,
            Refund = order.Status switch
            {
                OrderStatus.Refunded => ChannelRefundState.Full,
                OrderStatus.PartiallyRefunded => ChannelRefundState.Partial,
                _ => ChannelRefundState.None,
            },
        };
        var lines = order.Status != OrderStatus.Cancelled
            ? order.Lines
            : [.. order.Lines.Select(l => l with { QuantityCancelled = Math.Max(l.QuantityCancelled, l.Quantity - l.QuantityShipped) })];
        return order with { ChannelFacts = facts, Lines = lines };
    }
}
