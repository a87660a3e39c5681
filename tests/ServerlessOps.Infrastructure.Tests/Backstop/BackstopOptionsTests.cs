using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Backstop;

namespace ServerlessOps.Infrastructure.Tests.Backstop;

public sealed class BackstopOptionsTests
{
    [Fact]
    public void PauseBeforeList_Amazon_BurstOfTwentyThenOneCallAMinute()
    {
        var options = new BackstopOptions();

        Assert.Equal(TimeSpan.Zero, options.PauseBeforeList(SalesChannel.Amazon, pagesRead: 0));
        Assert.Equal(options.MinListInterval, options.PauseBeforeList(SalesChannel.Amazon, pagesRead: 19));
        Assert.Equal(TimeSpan.FromMinutes(1), options.PauseBeforeList(SalesChannel.Amazon, pagesRead: 20));
        Assert.Equal(TimeSpan.FromMinutes(1), options.PauseBeforeList(SalesChannel.Amazon, pagesRead: 57));
    }

    [Theory]
    [InlineData(SalesChannel.Shopify)]
    [InlineData(SalesChannel.Walmart)]
    [InlineData(SalesChannel.TikTokShop)]
    public void PauseBeforeList_OtherChannels_KeepTheMinimumIntervalHoweverManyPages(SalesChannel channel)
    {
        var options = new BackstopOptions { MinListInterval = TimeSpan.FromMilliseconds(250) };

        Assert.Equal(TimeSpan.Zero, options.PauseBeforeList(channel, pagesRead: 0));
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.PauseBeforeList(channel, pagesRead: 1));
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.PauseBeforeList(channel, pagesRead: 500));
    }
}
