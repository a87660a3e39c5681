using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Tests.Channels.Shopify;

public sealed class ShopifyOrderStatusMapperTests
{
    [Theory]
    [InlineData("pending", false, ChannelRefundState.None)]
    [InlineData("authorized", true, ChannelRefundState.None)]
    [InlineData("partially_paid", true, ChannelRefundState.None)]
    [InlineData("paid", true, ChannelRefundState.None)]
    [InlineData("partially_refunded", true, ChannelRefundState.Partial)]
    [InlineData("refunded", true, ChannelRefundState.Full)]
    [InlineData("voided", false, ChannelRefundState.None)]
    [InlineData("some_new_state", false, ChannelRefundState.None)]
    [InlineData(null, false, ChannelRefundState.None)]
    public void Facts_FinancialStatus_GivesReleasedAndRefundState(string? financial, bool released, ChannelRefundState refund)
    {
        var facts = ShopifyOrderStatusMapper.Facts(financial);

        Assert.Equal(released, facts.Released);
        Assert.Equal(refund, facts.Refund);
        Assert.False(facts.Delivered);
        Assert.Equal(financial == "voided", facts.Cancelled);
    }

    [Theory]
    [InlineData("paid", false, false)]
    [InlineData("paid", true, true)]
    [InlineData("voided", false, true)]
    [InlineData("VOIDED", false, true)]
    public void IsCancelled_CancelledAtOrVoidedPayment_CancelsTheOrder(string financial, bool cancelledAt, bool expected)
    {
        Assert.Equal(expected, ShopifyOrderStatusMapper.IsCancelled(financial, cancelledAt));
    }

    [Fact]
    public void Describe_KeepsUnknownValuesVerbatim()
    {
        Assert.Equal("some_new_state/restocked/cancelled", ShopifyOrderStatusMapper.Describe("some_new_state", "restocked", cancelled: true));
    }
}
