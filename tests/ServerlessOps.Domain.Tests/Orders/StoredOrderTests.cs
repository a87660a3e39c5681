using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using static ServerlessOps.Domain.Tests.Orders.OrderBuilder;

namespace ServerlessOps.Domain.Tests.Orders;

public sealed class StoredOrderTests
{
    private static DeliveryReference Delivery(string key, DateTimeOffset at) =>
        new(key, SalesChannel.Shopify, key, "orders/updated", $"raw/{key}", at, DeliveryOutcome.Applied);

    [Fact]
    public void Combine_TwoCopies_KeepsTheNewerSnapshotEveryFactAndEveryDelivery()
    {
        var old = new StoredOrder(
            Order([Line("1", 2)], refunds: [Refund("r1", T0.AddHours(1), new RefundLine("1", 1, 10m, 0.60m))], updatedAt: T0.AddHours(1)),
            [Delivery("a", T0.AddHours(1))], T0.AddHours(1));
        var copy = new StoredOrder(Order([Line("1", 2, shipped: 2)], updatedAt: T0.AddHours(2)), [Delivery("b", T0.AddHours(2))], T0.AddHours(2));

        var combined = StoredOrder.Combine(copy, old, T0.AddHours(3));

        Assert.Equal(T0.AddHours(2), combined.Order.Version.UpdatedAt);
        Assert.Single(combined.Order.Refunds);
        Assert.Equal(OrderStatus.PartiallyRefunded, combined.Order.Status);
        Assert.Equal(["b", "a"], combined.Deliveries.Select(d => d.DeliveryKey));
        Assert.Equal(T0.AddHours(3), combined.WrittenAt);
    }

    [Fact]
    public void Combine_SameDeliveryInBoth_KeepsItOnce()
    {
        var order = Order([Line("1", 1)]);
        var both = StoredOrder.Combine(new StoredOrder(order, [Delivery("a", T0)], T0), new StoredOrder(order, [Delivery("a", T0)], T0), T0);
        Assert.Single(both.Deliveries);
    }
}
