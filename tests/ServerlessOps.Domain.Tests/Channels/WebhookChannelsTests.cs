using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Tests.Channels;

public sealed class WebhookChannelsTests
{
    [Fact]
    public void All_HasOneAdapterPerChannel()
    {
        Assert.Equal(Enum.GetValues<SalesChannel>().Order(), WebhookChannels.All.Select(c => c.Channel).Order());
    }

    [Theory]
    [InlineData(SalesChannel.Shopify)]
    [InlineData(SalesChannel.Amazon)]
    [InlineData(SalesChannel.Walmart)]
    [InlineData(SalesChannel.TikTokShop)]
    public void For_EachChannel_ReturnsItsAdapter(SalesChannel channel)
    {
        Assert.Equal(channel, WebhookChannels.For(channel).Channel);
    }

    [Fact]
    public void For_UnknownChannel_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookChannels.For((SalesChannel)99));
    }
}
