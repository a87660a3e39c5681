using ServerlessOps.Domain.Orders;
using static ServerlessOps.Domain.Tests.Orders.OrderBuilder;

namespace ServerlessOps.Domain.Tests.Orders;

public sealed class OrderFactsTests
{
    private static readonly RefundLine _mugBack = new("2", 1, 13.05m, 0.78m);

    [Fact]
    public void Fold_RefundTwice_CountsOnceAndTheSecondChangesNothing()
    {
        var stored = Order([Line("1", 2, shipped: 2), Line("2", 1, shipped: 1)]);
        var refund = Refund("r1", T0.AddDays(2), _mugBack);

        var (once, changed) = OrderFacts.Fold(stored, [], [refund]);
        var (twice, changedAgain) = OrderFacts.Fold(once, [], [refund]);

        Assert.True(changed);
        Assert.False(changedAgain);
        Assert.Single(twice.Refunds);
        Assert.Equal(13.83m, twice.Lines[1].RefundedAmount);
        Assert.Equal(13.83m, twice.RefundedAmount);
        Assert.Equal(OrderStatus.PartiallyRefunded, twice.Status);
    }

    [Fact]
    public void Fold_NewerFulfilmentUpdate_ReplacesTheShipmentAndItsUnits()
    {
        var created = Parcel("f1", T0.AddHours(1), lines: new ShipmentLine("1", 2));
        var stored = Order([Line("1", 2), Line("2", 1)], shipments: [created]);
        Assert.Equal(OrderStatus.PartiallyFulfilled, stored.Status);

        // The label was voided: fulfillments/update says cancelled.
        var voided = Parcel("f1", T0.AddHours(2), shipped: false, lines: new ShipmentLine("1", 2));
        var (order, changed) = OrderFacts.Fold(stored, [voided], []);

        Assert.True(changed);
        Assert.Equal(0, order.Lines[0].QuantityShipped);
        Assert.Equal(OrderStatus.AwaitingFulfilment, order.Status);
    }

    [Fact]
    public void Fold_OlderFulfilmentUpdate_IsIgnored()
    {
        var latest = Parcel("f1", T0.AddHours(2), delivered: true, lines: new ShipmentLine("1", 2));
        var stored = Order([Line("1", 2)], shipments: [latest]);

        var (order, changed) = OrderFacts.Fold(stored, [Parcel("f1", T0.AddHours(1), lines: new ShipmentLine("1", 2))], []);

        Assert.False(changed);
        Assert.Equal(OrderStatus.Delivered, order.Status);
    }

    [Fact]
    public void Fold_ShipmentIntoAnOrderWithoutShipping_AddsItWithoutInventingShippingMoney()
    {
        var stored = Order([Line("1", 1)]);
        var (order, _) = OrderFacts.Fold(stored, [Parcel("f1", T0.AddHours(1), lines: new ShipmentLine("1", 1))], []);

        Assert.Equal(OrderStatus.Fulfilled, order.Status);
        Assert.Equal(0m, order.Shipping!.Price);
        Assert.Equal(order.Lines.Sum(l => l.Tax), order.TaxTotal);
    }

    [Fact]
    public void Merge_OlderSnapshotWithAFactTheStoredOrderLacks_KeepsTheSnapshotAndTakesTheFact()
    {
        var stored = Order([Line("1", 2, shipped: 2)], updatedAt: T0.AddHours(5));
        var older = Order([Line("1", 2)], refunds: [Refund("r1", T0.AddHours(3), new RefundLine("1", 1, 10m, 0.60m))], updatedAt: T0.AddHours(3));

        Assert.Equal(ConvergenceDecision.KeepStored, OrderConvergence.Decide(stored, older));
        var (merged, changed) = OrderFacts.Merge(stored, older);

        Assert.True(changed);
        Assert.Equal(stored.Version, merged.Version);
        Assert.Equal(2, merged.Lines[0].QuantityShipped);
        Assert.Single(merged.Refunds);
        Assert.Equal(OrderStatus.PartiallyRefunded, merged.Status);
    }

    [Fact]
    public void Merge_NewerSnapshotWithoutAFoldedRefund_KeepsTheRefund()
    {
        var folded = OrderFacts.Fold(Order([Line("1", 2, shipped: 2)]), [], [Refund("r1", T0.AddHours(3), new RefundLine("1", 1, 10m, 0.60m))]).Order;
        var newer = Order([Line("1", 2, shipped: 2)], updatedAt: T0.AddHours(4));

        var (merged, _) = OrderFacts.Merge(newer, folded);

        Assert.Equal(newer.Version, merged.Version);
        Assert.Equal("r1", Assert.Single(merged.Refunds).Id);
        Assert.Equal(1, merged.Lines[0].QuantityRefunded);
    }

    [Fact]
    public void Merge_SameFacts_ChangesNothing()
    {
        var order = Order([Line("1", 2)], refunds: [Refund("r1", T0, new RefundLine("1", 1, 10m, 0.60m))], shipments: [Parcel("f1", T0, lines: new ShipmentLine("1", 1))]);
        Assert.False(OrderFacts.Merge(order, order).Changed);
    }

    [Fact]
    public void Settle_Twice_IsTheSame()
    {
        var order = Order([Line("1", 2), Line("2", 1, cancelled: 1)], refunds: [Refund("r1", T0, _mugBack with { Cancelled = true })]);
        var again = OrderLedger.Settle(order);

        Assert.Equal(order.Lines, again.Lines);
        Assert.Equal(order.Status, again.Status);
        Assert.Equal(order.ChannelFacts, again.ChannelFacts);
    }

    [Fact]
    public void Refund_LinesAndUnallocatedAddUpToTheAmount()
    {
        var refund = new OrderRefund("r1", T0, 21.36m, 0.87m, null, [new RefundLine("2", 1, 14.50m, 0.87m)]) { Shipping = 5.99m };
        Assert.Equal(refund.Amount, refund.Lines.Sum(l => l.Amount + l.Tax) + refund.Unallocated);
        Assert.Equal(refund.Shipping, refund.Unallocated);
    }
}
