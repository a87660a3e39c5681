using ServerlessOps.Domain.Channels;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Workflows.Tests.OrderFlow;

public sealed class OrderFlowIdsTests
{
    [Fact]
    public void For_PlainOrderId_IsReadable()
    {
        Assert.Equal("orderflow:acme:amazon:113-0000001-0000001", OrderFlowIds.For("acme", SalesChannel.Amazon, "113-0000001-0000001"));
    }

    [Theory]
    [InlineData("#1001")]
    [InlineData("a/b?c\\d")]
    [InlineData("späti 1")]
    public void For_ChannelText_HoldsNothingTheEngineRefuses(string externalId)
    {
        var id = OrderFlowIds.For("acme", SalesChannel.Shopify, externalId);

        Assert.DoesNotContain(id, c => c is '/' or '\\' or '?' or '#' or ' ' || char.IsControl(c) || c > 127);
    }

    [Fact]
    public void For_TwoExternalIds_NeverShareAnId()
    {
        Assert.NotEqual(OrderFlowIds.For("acme", SalesChannel.Shopify, "a#1"), OrderFlowIds.For("acme", SalesChannel.Shopify, "a~231"));
    }
}
