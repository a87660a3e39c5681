using ServerlessOps.Domain.Orders;
using static ServerlessOps.Domain.Tests.Orders.OrderBuilder;

namespace ServerlessOps.Domain.Tests.Orders;

/// <summary>The README table of Domain/Orders, rule by rule.</summary>
public sealed class OrderStatusRulesTests
{
    [Fact]
    public void Derive_EveryUnitCancelled_IsCancelled()
    {
        Assert.Equal(OrderStatus.Cancelled, Order([Line("1", 2, cancelled: 2), Line("2", 1, cancelled: 1)]).Status);
    }

    [Fact]
    public void Derive_ChannelCancelledTheOrderAfterAUnitShipped_IsCancelled()
    {
        Assert.Equal(OrderStatus.Cancelled, Order([Line("1", 2, shipped: 2), Line("2", 1, cancelled: 1)], OrderChannelFacts.Open with { Cancelled = true }).Status);
    }

    [Fact]
    public void Derive_SomeCancelledRestOpen_IsPartiallyCancelled()
    {
        Assert.Equal(OrderStatus.PartiallyCancelled, Order([Line("1", 2), Line("2", 1, cancelled: 1)]).Status);
    }

    [Fact]
    public void Derive_SomeCancelledSomeShippedRestOpen_IsPartiallyFulfilled()
    {
        Assert.Equal(OrderStatus.PartiallyFulfilled, Order([Line("1", 2, shipped: 1), Line("2", 1, cancelled: 1)]).Status);
    }

    [Fact]
    public void Derive_EveryActiveUnitShippedSomeCancelled_IsFulfilled()
    {
        Assert.Equal(OrderStatus.Fulfilled, Order([Line("1", 2, shipped: 2), Line("2", 1, cancelled: 1)]).Status);
    }

    [Fact]
    public void Derive_EveryUnitShippedAndDelivered_IsDelivered()
    {
        Assert.Equal(OrderStatus.Delivered, Order([Line("1", 2, shipped: 2)], OrderChannelFacts.Open with { Delivered = true }).Status);
    }

    [Fact]
    public void Derive_DeliveredFactButUnitsOpen_IsPartiallyFulfilled()
    {
        Assert.Equal(OrderStatus.PartiallyFulfilled, Order([Line("1", 2, shipped: 1)], OrderChannelFacts.Open with { Delivered = true }).Status);
    }

    [Fact]
    public void Derive_NothingShippedNotReleased_IsPending()
    {
        Assert.Equal(OrderStatus.Pending, Order([Line("1", 2)], OrderChannelFacts.Open with { Released = false }).Status);
    }

    [Fact]
    public void Derive_NotReleasedWithACancelledUnit_IsPending()
    {
        Assert.Equal(OrderStatus.Pending, Order([Line("1", 2, cancelled: 1)], OrderChannelFacts.Open with { Released = false }).Status);
    }

    [Fact]
    public void Derive_ReleasedNothingShipped_IsAwaitingFulfilment()
    {
        Assert.Equal(OrderStatus.AwaitingFulfilment, Order([Line("1", 2)]).Status);
    }

    [Fact]
    public void Derive_OneOfTwoShippedUnitsRefunded_IsPartiallyRefunded()
    {
        var order = Order([Line("1", 2, shipped: 2)], refunds: [Refund("r1", T0, new RefundLine("1", 1, 10m, 0.60m, Returned: true))]);

        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal(1, order.Lines[0].QuantityRefunded);
        Assert.Equal(1, order.Lines[0].QuantityReturned);
        Assert.Equal(10.60m, order.Lines[0].RefundedAmount);
    }

    [Fact]
    public void Derive_EveryKeptUnitRefunded_IsRefunded()
    {
        var order = Order([Line("1", 2, shipped: 2)], refunds: [Refund("r1", T0, new RefundLine("1", 2, 20m, 1.20m))]);
        Assert.Equal(OrderStatus.Refunded, order.Status);
    }

    [Fact]
    public void Derive_RefundOfTheCancelledUnitsOnly_StaysPartiallyCancelled()
    {
        var order = Order([Line("1", 2, cancelled: 1)], refunds: [Refund("r1", T0, new RefundLine("1", 1, 10m, 0.60m, Cancelled: true))]);
        Assert.Equal(OrderStatus.PartiallyCancelled, order.Status);
    }

    [Fact]
    public void Derive_MoneyRefundWithoutUnits_IsPartiallyRefunded()
    {
        var goodwill = new OrderRefund("r1", T0, 5m, 0m, "goodwill", []);
        Assert.Equal(OrderStatus.PartiallyRefunded, Order([Line("1", 2, shipped: 2)], refunds: [goodwill]).Status);
    }

    [Fact]
    public void Derive_RefundsReachingTheTotal_IsRefunded()
    {
        var all = new OrderRefund("r1", T0, 21.20m, 1.20m, "all back", [new RefundLine("1", 0, 20m, 1.20m)]);
        Assert.Equal(OrderStatus.Refunded, Order([Line("1", 2, shipped: 2)], refunds: [all]).Status);
    }

    [Fact]
    public void Derive_ChannelSaysRefundedWithoutRecords_FollowsTheChannel()
    {
        Assert.Equal(OrderStatus.PartiallyRefunded, Order([Line("1", 2, shipped: 2)], OrderChannelFacts.Open with { Refund = ChannelRefundState.Partial }).Status);
        Assert.Equal(OrderStatus.Refunded, Order([Line("1", 2, shipped: 2)], OrderChannelFacts.Open with { Refund = ChannelRefundState.Full }).Status);
    }

    [Fact]
    public void Derive_CancelledOrderWithARefund_StaysCancelled()
    {
        var order = Order([Line("1", 1, cancelled: 1)], refunds: [Refund("r1", T0, new RefundLine("1", 1, 10m, 0.60m, Cancelled: true))],
            facts: OrderChannelFacts.Open with { Refund = ChannelRefundState.Full });
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void Derive_UnknownTotalAndPrices_StillDerivesFromUnits()
    {
        var order = Order([Line("1", 2, cancelled: 2, price: null)], total: null);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Null(order.LinesNet);
    }
}
