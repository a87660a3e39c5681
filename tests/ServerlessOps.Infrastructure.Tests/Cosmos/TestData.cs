using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

/// <summary>Fully populated domain records: every optional field set, awkward decimals and offsets.</summary>
internal static class TestData
{
    public static Order Order(string brandId, string externalOrderId, DateTimeOffset placedAt, SalesChannel channel = SalesChannel.Shopify) => new()
    {
        BrandId = brandId,
        Channel = channel,
        ChannelAccountId = "brand-shop.myshopify.com",
        ExternalOrderId = externalOrderId,
        DisplayNumber = "#1043",
        Status = OrderStatus.PartiallyFulfilled,
        ChannelStatus = "partially_fulfilled",
        Currency = "USD",
        Lines =
        [
            new OrderLine("L-1", "SKU-RED-M", "Red shirt, medium", 3, 19.90m, 2.50m, 4.4775m, QuantityShipped: 2, QuantityCancelled: 1),
            new OrderLine("L-2", "SKU/BLUE#L", null, 1, 0.1m + 0.2m, 0m, 0.0000001m),
            new OrderLine("L-3", "SKU-BIG", "Precision", 2, 12345678901234567.8901m, 0.01m, 79228162514264.33759354395m),
        ],
        Shipping = new ShippingInfo("Standard", 5.00m, 0.45m, 1.10m, "US", "NY", "10001", "New York",
        [
            new Shipment("UPS", "1Z999", new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.FromHours(-5))),
            new Shipment(null, null, null),
        ]),
        Fees = [new OrderFee("transaction", 1.2345m), new OrderFee("payment", 0.30m)],
        OrderDiscount = 3.33m,
        Total = 123.4500m,
        PlacedAt = placedAt,
        Version = new OrderVersion(placedAt.AddMinutes(5), placedAt.AddMinutes(5).AddTicks(1234567)),
        IsComplete = false,
        CancelReason = "customer changed mind",
    };

    public static DeliveryReference Delivery(string key, DateTimeOffset receivedAt) =>
        new(key, SalesChannel.Shopify, $"delivery-{key}", "orders/updated", $"raw/{key}.json", receivedAt, DeliveryOutcome.Applied);

    public static StoredOrder Stored(Order order, params DeliveryReference[] deliveries) =>
        new(order, deliveries, new DateTimeOffset(2026, 3, 3, 12, 0, 0, TimeSpan.Zero));
}
