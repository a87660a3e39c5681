using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Tests.Channels.Shopify;

public sealed class ShopifyOrderStatusMapperTests
{
    [Theory]
    [InlineData("pending", null, false, false, OrderStatus.Pending)]
    [InlineData("authorized", null, false, false, OrderStatus.AwaitingFulfilment)]
    [InlineData("partially_paid", null, false, false, OrderStatus.Pending)]
    [InlineData("paid", null, false, false, OrderStatus.AwaitingFulfilment)]
    [InlineData("paid", "partial", false, false, OrderStatus.PartiallyFulfilled)]
    [InlineData("paid", "fulfilled", false, false, OrderStatus.Fulfilled)]
    [InlineData("paid", "fulfilled", false, true, OrderStatus.Delivered)]
    [InlineData("partially_refunded", "fulfilled", false, false, OrderStatus.PartiallyRefunded)]
    [InlineData("refunded", "fulfilled", false, false, OrderStatus.Refunded)]
    [InlineData("refunded", null, true, false, OrderStatus.Cancelled)]
    [InlineData("voided", null, false, false, OrderStatus.Cancelled)]
    [InlineData("paid", null, true, false, OrderStatus.Cancelled)]
    [InlineData("some_new_state", null, false, false, OrderStatus.Pending)]
    [InlineData(null, null, false, false, OrderStatus.Pending)]
    public void Map_StatusFields_GiveTheCanonicalStatus(string? financial, string? fulfilment, bool cancelled, bool delivered, OrderStatus expected)
    {
        Assert.Equal(expected, ShopifyOrderStatusMapper.Map(financial, fulfilment, cancelled, delivered));
    }

    [Fact]
    public void Describe_KeepsUnknownValuesVerbatim()
    {
        Assert.Equal("some_new_state/restocked/cancelled", ShopifyOrderStatusMapper.Describe("some_new_state", "restocked", cancelled: true));
    }
}
