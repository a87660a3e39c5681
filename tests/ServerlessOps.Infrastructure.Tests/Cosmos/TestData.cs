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
        ChannelFacts = new OrderChannelFacts { Released = true, Delivered = false, Refund = ChannelRefundState.Partial },
        Currency = "USD",
        PricesIncludeTax = false,
        Lines =
        [
            new OrderLine("L-1", "SKU-RED-M", "Red shirt, medium", 3, 19.90m, 2.50m, 4.4775m, QuantityShipped: 2, QuantityCancelled: 1)
            {
                QuantityRefunded = 1,
                QuantityReturned = 1,
                RefundedAmount = 18.8925m,
            },
            new OrderLine("L-2", "SKU/BLUE#L", null, 1, 0.1m + 0.2m, 0m, 0.0000001m),
            new OrderLine("L-3", "SKU-BIG", "Precision", 2, 12345678901234567.8901m, 0.01m, 79228162514264.33759354395m),
            new OrderLine("L-4", "SKU-WITHHELD", null, 1, null, null, null),
        ],
        Shipping = new ShippingInfo("Standard", 5.00m, 0.45m, 1.10m, "US", "NY", "10001", "New York",
        [
            new Shipment("UPS", "1Z999", new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.FromHours(-5)))
            {
                Id = "5600012345601",
                Status = "success",
                IsDelivered = true,
                UpdatedAt = new DateTimeOffset(2026, 3, 3, 9, 15, 0, TimeSpan.FromHours(-5)),
                Lines = [new ShipmentLine("L-1", 2)],
            },
            new Shipment(null, null, null) { IsShipped = false },
        ]),
        Refunds =
        [
            new OrderRefund("9300012345612", new DateTimeOffset(2026, 3, 4, 11, 20, 5, TimeSpan.FromHours(-5)), 19.2925m, 1.4925m, "Arrived torn",
                [new RefundLine("L-1", 1, 17.40m, 1.4925m, Returned: true)])
            {
                Shipping = 0.40m,
            },
        ],
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
