using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Infrastructure.Review.Facts;
using ServerlessOps.Infrastructure.Tests.Review.Facts;

namespace ServerlessOps.Infrastructure.Tests.Settlements;

/// <summary>What the settlement-fee tests share: a Shopify payout's fee row for an order, and a month's facts built from the fakes.</summary>
internal static class SettlementFacts
{
    public static SettlementLine Fee(string orderId, string id, decimal amount, DateTimeOffset posted) =>
        new(SalesChannel.Shopify, "acme.myshopify.com", id, "P-1", orderId, SettlementKind.Fee, amount, "USD", posted) { FeeType = "shopify-payments" };

    public static Task<BuiltReviewFacts> BuildAsync(ReviewFactsFakes fakes, ReviewMonth month)
    {
        var brand = ReviewFactsFakes.Brand();
        return new ReviewFactsBuilder(fakes, fakes, fakes)
            .BuildAsync(brand, new ReviewWindow(brand.Id, month, ReviewFactsBuilder.TimeZoneOf(brand)), null, TestContext.Current.CancellationToken);
    }
}
