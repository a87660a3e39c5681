using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Privacy;

namespace ServerlessOps.Domain.Tests.Privacy;

public sealed class PrivacyRequestIdsTests
{
    [Fact]
    public void For_TheSameRequestWithOrdersInAnotherOrderAndAnotherEmailCase_IsTheSameId()
    {
        var first = new PrivacyRequestNotice(PrivacyRequestKind.CustomerRedact, "Acme.myshopify.com", "77", ["2", "1"], null) { Email = "a@example.com" };
        var again = new PrivacyRequestNotice(PrivacyRequestKind.CustomerRedact, "acme.myshopify.com", "77", ["1", "2"], null);

        Assert.Equal(PrivacyRequestIds.For(SalesChannel.Shopify, first), PrivacyRequestIds.For(SalesChannel.Shopify, again));
        Assert.StartsWith("customer-redact-", PrivacyRequestIds.For(SalesChannel.Shopify, first), StringComparison.Ordinal);
    }

    [Fact]
    public void For_ARedactAndADataRequestForTheSameBuyer_AreDifferentRequests()
    {
        var redact = new PrivacyRequestNotice(PrivacyRequestKind.CustomerRedact, "acme.myshopify.com", "77", ["1"], null);
        var export = redact with { Kind = PrivacyRequestKind.CustomerDataRequest };

        Assert.NotEqual(PrivacyRequestIds.For(SalesChannel.Shopify, redact), PrivacyRequestIds.For(SalesChannel.Shopify, export));
    }

    [Fact]
    public void DueBy_IsThirtyDaysAfterReceipt() =>
        Assert.Equal(
            new DateTimeOffset(2026, 12, 31, 10, 0, 0, TimeSpan.Zero),
            PrivacyDeadlines.DueBy(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)));
}
