using System.Globalization;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.OrderFlow;

/// <summary>
/// An <see cref="OrderFlowExceptionRecord"/> in container <c>alerts</c>, beside the brand's alerts: id
/// <c>flow-exception:{order id}</c> (Cosmos-safe), partition <c>{brandId}</c>, type <c>flowException</c>.
/// </summary>
/// <remarks>
/// In <c>alerts</c> rather than <c>orders</c> because it is read the way alerts are: a brand's open ones in one
/// single-partition query, never by month of placement (the orders container's partitions), and it lives as long as
/// the problem, not as long as the order. The alert store's queries filter on their own type, so the two never mix.
/// </remarks>
public sealed class OrderFlowExceptionDocument
{
    public const string DocumentType = "flowException";

    public required string Id { get; init; }

    /// <summary>The brand id.</summary>
    public required string Pk { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    /// <summary>For the open filter.</summary>
    public required bool IsOpen { get; init; }

    /// <summary>Opened-at in sortable UTC, for the newest-first order.</summary>
    public required string OpenedAt { get; init; }

    public required OrderFlowExceptionRecord Record { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string IdFor(string orderId) => Cosmos.CosmosIds.Encode($"flow-exception:{orderId}");

    public static OrderFlowExceptionDocument From(OrderFlowExceptionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new OrderFlowExceptionDocument
        {
            Id = IdFor(record.OrderId),
            Pk = record.BrandId,
            IsOpen = record.IsOpen,
            OpenedAt = record.OpenedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            Record = record,
        };
    }
}
