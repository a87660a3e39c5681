using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Tests.Alerts;

public sealed class AlertIdsTests
{
    [Fact]
    public void For_SameBrandKindAndSubject_IsTheSameWellFormedId()
    {
        var a = AlertIds.For("acme", AlertKind.SlaMissed, AlertSubject.Order("shopify:6120001122334"));
        var b = AlertIds.For("acme", AlertKind.SlaMissed, AlertSubject.Order("shopify:6120001122334"));

        Assert.Equal(a, b);
        Assert.True(AlertIds.IsWellFormed(a), a);
        Assert.Matches("^al-[0-9a-f]{24}$", a);
    }

    [Fact]
    public void For_AnyPartDiffers_IsAnotherId()
    {
        var subject = AlertSubject.Order("shopify:1");
        var ids = new[]
        {
            AlertIds.For("acme", AlertKind.SlaMissed, subject),
            AlertIds.For("globex", AlertKind.SlaMissed, subject),
            AlertIds.For("acme", AlertKind.SlaEscalated, subject),
            AlertIds.For("acme", AlertKind.SlaMissed, AlertSubject.Order("shopify:2")),
            AlertIds.For("acme", AlertKind.SlaMissed, AlertSubject.Flow("shopify:1")),
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void For_ChannelControlledSubjectText_StillGivesAUrlSafeId()
    {
        var id = AlertIds.For("acme", AlertKind.DriftRepeated, AlertSubject.Listing(SalesChannel.Walmart, "TEE/RED #1 ü"));

        Assert.True(AlertIds.IsWellFormed(id));
        Assert.Equal("acme|drift-repeated|listing|walmart:TEE/RED #1 ü", AlertIds.DedupeKey("acme", AlertKind.DriftRepeated, AlertSubject.Listing(SalesChannel.Walmart, "TEE/RED #1 ü")));
    }

    [Theory]
    [InlineData("al-0123456789abcdef01234567", true)]
    [InlineData("al-0123456789ABCDEF01234567", false)]
    [InlineData("al-0123456789abcdef0123456", false)]
    [InlineData("xx-0123456789abcdef01234567", false)]
    [InlineData("alert-rollup", false)]
    [InlineData(null, false)]
    public void IsWellFormed_ChecksPrefixLengthAndLowerHex(string? id, bool expected) =>
        Assert.Equal(expected, AlertIds.IsWellFormed(id));
}
