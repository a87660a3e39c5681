using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Tests.Push;

public sealed class MarkedListingsTests
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromSeconds(4);
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AListingSeenNotClaimable_IsQuietUntilTheClockToleranceBeforeItsClaimableInstant()
    {
        var marked = new MarkedListings();
        var claimable = Now + Coalesce;

        marked.Remember("acme", "MUG", SalesChannel.Walmart, "W-1", claimable, Coalesce, Now);

        Assert.Equal(TimeSpan.FromSeconds(1), MarkedListings.ClockTolerance(Coalesce));
        Assert.True(marked.IsQuiet("acme", "MUG", SalesChannel.Walmart, "W-1", Now + TimeSpan.FromSeconds(2.99)));
        Assert.False(marked.IsQuiet("acme", "MUG", SalesChannel.Walmart, "W-1", Now + TimeSpan.FromSeconds(3)));
        Assert.False(marked.IsQuiet("acme", "MUG", SalesChannel.Amazon, "W-1", Now));
        Assert.False(marked.IsQuiet("acme", "MUG-2", SalesChannel.Walmart, "W-1", Now));
    }

    [Fact]
    public void AnEarlierClaimableInstantSeenLater_NeverShortensWhatIsKnown_AndOneAlreadyWithinTheToleranceIsNotKept()
    {
        var marked = new MarkedListings();
        marked.Remember("acme", "MUG", SalesChannel.Shopify, "S-1", Now + TimeSpan.FromSeconds(3), Coalesce, Now);
        marked.Remember("acme", "MUG", SalesChannel.Shopify, "S-1", Now + TimeSpan.FromSeconds(2), Coalesce, Now);
        marked.Remember("acme", "MUG", SalesChannel.Amazon, "A-1", Now + TimeSpan.FromSeconds(0.5), Coalesce, Now);

        Assert.True(marked.IsQuiet("acme", "MUG", SalesChannel.Shopify, "S-1", Now + TimeSpan.FromSeconds(1.5)));
        Assert.False(marked.IsQuiet("acme", "MUG", SalesChannel.Amazon, "A-1", Now));
        Assert.Equal(1, marked.Count);
    }

    [Fact]
    public void Full_DropsTheListingsNoLongerQuiet_AndStaysBounded()
    {
        var marked = new MarkedListings();
        for (var i = 0; i < MarkedListings.Capacity; i++)
        {
            marked.Remember("acme", $"OLD-{i}", SalesChannel.TikTokShop, "T", Now + TimeSpan.FromSeconds(2), Coalesce, Now);
        }

        var later = Now + TimeSpan.FromSeconds(5);
        marked.Remember("acme", "NEW", SalesChannel.TikTokShop, "T", later + TimeSpan.FromSeconds(3), Coalesce, later);

        Assert.Equal(1, marked.Count);
        Assert.True(marked.IsQuiet("acme", "NEW", SalesChannel.TikTokShop, "T", later));

        for (var i = 0; i < MarkedListings.Capacity + 10; i++)
        {
            marked.Remember("acme", $"BUSY-{i}", SalesChannel.TikTokShop, "T", later + TimeSpan.FromSeconds(3), Coalesce, later);
        }

        Assert.InRange(marked.Count, 1, MarkedListings.Capacity);
    }
}
