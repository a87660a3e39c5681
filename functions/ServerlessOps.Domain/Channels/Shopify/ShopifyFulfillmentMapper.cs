using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>
/// The Fulfillment resource (an entry of an order's <c>fulfillments[]</c>, or the body of <c>fulfillments/create</c> and
/// <c>fulfillments/update</c>) as a <see cref="Shipment"/> kept by its id: tracking, carrier, the units per line, and
/// whether it counts as shipped (status <c>success</c>; pending, open, cancelled, error and failure ones did not ship)
/// and delivered (<c>shipment_status</c> <c>delivered</c>). Its version is <c>updated_at</c>.
/// </summary>
public static class ShopifyFulfillmentMapper
{
    public static Shipment Map(JsonCursor fulfillment)
    {
        fulfillment.ExpectObject();
        var status = fulfillment.Optional("status")?.GetString();
        var trackingNumber = fulfillment.Optional("tracking_number")?.GetString()
            ?? fulfillment.Optional("tracking_numbers")?.Items().Select(n => n.GetString()).FirstOrDefault();
        var createdAt = fulfillment.Optional("created_at")?.GetIsoTime();
        return new Shipment(fulfillment.Optional("tracking_company")?.GetString(), trackingNumber, createdAt)
        {
            Id = fulfillment.Property("id").GetId(),
            Status = status,
            IsShipped = string.Equals(status, "success", StringComparison.OrdinalIgnoreCase),
            IsDelivered = string.Equals(fulfillment.Optional("shipment_status")?.GetString(), "delivered", StringComparison.OrdinalIgnoreCase),
            UpdatedAt = fulfillment.Optional("updated_at")?.GetIsoTime() ?? createdAt,
            Lines = [.. (fulfillment.Optional("line_items")?.Items() ?? [])
                .Select(item => new ShipmentLine(item.Property("id").GetId(), item.Property("quantity").GetCount()))],
        };
    }

    /// <summary><c>fulfillments/create</c> and <c>fulfillments/update</c>: one shipment fact of order <c>order_id</c>.</summary>
    public static OrderFactReport Report(JsonCursor fulfillment)
    {
        fulfillment.ExpectObject();
        return new OrderFactReport(fulfillment.Property("order_id").GetId(), [Map(fulfillment)], []);
    }
}
