using System.Text.Json.Serialization;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.OrderFlow;

/// <summary>
/// An <see cref="OrderFlowEnd"/> in container <c>alerts</c>, beside the order's exception record
/// (<see cref="OrderFlowExceptionDocument"/>): id <c>flow-end:{order id}</c> (Cosmos-safe), partition <c>{brandId}</c>,
/// type <c>flowEnd</c>.
/// </summary>
/// <remarks>
/// Not on the order's own document: the order is rewritten by every delivery from the channel's snapshot, so a flag there
/// would need every writer (the converger, the partition migration) to carry it over. Read by brand and order id only,
/// the one point read the starter can make from any order it holds; the alert store's queries filter on their own type.
/// </remarks>
public sealed class OrderFlowEndDocument
{
    public const string DocumentType = "flowEnd";

    public required string Id { get; init; }

    /// <summary>The brand id.</summary>
    public required string Pk { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    public required OrderFlowEnd End { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string IdFor(string orderId) => Cosmos.CosmosIds.Encode($"flow-end:{orderId}");

    public static OrderFlowEndDocument From(OrderFlowEnd flowEnd)
    {
        ArgumentNullException.ThrowIfNull(flowEnd);
        return new OrderFlowEndDocument { Id = IdFor(flowEnd.OrderId), Pk = flowEnd.BrandId, End = flowEnd };
    }
}
