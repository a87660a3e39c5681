using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Tests.Orders;

/// <summary>Settled orders of a few lines, for the order rules' tests.</summary>
internal static class OrderBuilder
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 20, 19, 5, 0, TimeSpan.Zero);

    public static OrderLine Line(string id, int quantity, int shipped = 0, int cancelled = 0, decimal? price = 10m) =>
        new(id, $"SKU-{id}", null, quantity, price, price is null ? null : 0m, price is null ? null : 0.60m * quantity, shipped, cancelled);

    public static Order Order(
        IReadOnlyList<OrderLine> lines,
        OrderChannelFacts? facts = null,
        IReadOnlyList<OrderRefund>? refunds = null,
        IReadOnlyList<Shipment>? shipments = null,
        decimal? total = null,
        DateTimeOffset? updatedAt = null) =>
        OrderLedger.Settle(new Order
        {
            BrandId = "acme",
            Channel = SalesChannel.Shopify,
            ChannelAccountId = "acme-outfitters.myshopify.com",
            ExternalOrderId = "6120001122334",
            Status = OrderStatus.Pending,
            ChannelStatus = "test",
            ChannelFacts = facts ?? OrderChannelFacts.Open,
            Currency = "USD",
            Lines = lines,
            Refunds = refunds ?? [],
            Shipping = shipments is null ? null : new ShippingInfo(null, 0m, 0m, 0m, null, null, null, null, shipments),
            Total = total ?? lines.Sum(l => (l.Quantity * (l.UnitPrice ?? 0m)) + (l.Tax ?? 0m)),
            PlacedAt = T0,
            Version = new OrderVersion(updatedAt ?? T0),
        });

    public static OrderRefund Refund(string id, DateTimeOffset at, params RefundLine[] lines) =>
        new(id, at, lines.Sum(l => l.Amount + l.Tax), lines.Sum(l => l.Tax), "test", lines);

    public static Shipment Parcel(string id, DateTimeOffset updatedAt, bool shipped = true, bool delivered = false, params ShipmentLine[] lines) =>
        new("UPS", $"1Z{id}", updatedAt) { Id = id, UpdatedAt = updatedAt, IsShipped = shipped, IsDelivered = delivered, Lines = lines };
}
