using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Pnl;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Infrastructure.Review.Facts;
using ServerlessOps.Infrastructure.Tests.Review.Facts;
using static ServerlessOps.Infrastructure.Tests.Settlements.SettlementFacts;

namespace ServerlessOps.Infrastructure.Tests.Settlements;

/// <summary>
/// An order imported with the history's fees and then settled holds both: the settlement's fees are the channel's own
/// statement of the same charges, so they alone count, and a month that closed on the imported fees is restated to them.
/// </summary>
public sealed class ImportedAndSettledFeeTests
{
    private static readonly ReviewMonth October = new(2026, 10);
    private static readonly ReviewMonth November = new(2026, 11);

    [Fact]
    public async Task ImportedOrderSettledInItsMonth_CountsTheSettlementFeesOnce()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var order = Imported(fakes.Add("november", new DateTimeOffset(2026, 11, 5, 15, 0, 0, TimeSpan.Zero), new OrderLine("L1", "TEE", null, 1, 50m, 0m, 0m)), 3m);
        var fee = Fee("november", "t1", -2.50m, new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        fakes.Orders[0] = SettlementFees.Apply(order, [fee], fee.PostedAt).Order;

        var november = await BuildAsync(fakes, November);

        Assert.Equal(2.50m, Assert.Single(november.Facts.Sales, s => s.Month == November).FeesCharged);
        Assert.Equal(2.50m, Assert.Single(ProfitAndLoss.For(november.Facts), l => l.Channel == SalesChannel.Shopify).Fees);
    }

    [Fact]
    public async Task ImportedOrderSettledAfterItsMonthClosed_IsRestatedFromTheImportedFeesToTheSettlements()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var order = Imported(fakes.Add("october", new DateTimeOffset(2026, 10, 20, 15, 0, 0, TimeSpan.Zero), new OrderLine("L1", "TEE", null, 1, 50m, 0m, 0m)), 3m);
        var late = Fee("october", "t2", -2.50m, new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero));
        fakes.Orders[0] = SettlementFees.Apply(order, [late], late.PostedAt).Order;

        var october = await BuildAsync(fakes, October);
        var november = await BuildAsync(fakes, November);

        // October closed on the imported 3; the settlement then said 2.50: the closed month plus its restatements count 2.50.
        var closed = Assert.Single(ProfitAndLoss.For(october.Facts), l => l.Channel == SalesChannel.Shopify);
        Assert.Equal(3m, closed.Fees);
        var restated = november.Restatements.Where(r => r.OriginalMonth == October).ToList();
        Assert.Equal(-2.50m, -closed.Fees + restated.Sum(r => r.Amount));
        Assert.Contains(restated, r => r.SourceRow == "order:shopify:october:fee:settlement:shopify:t2");
    }

    private static Order Imported(Order order, decimal fee) => order with { Fees = [new OrderFee("referral", fee) { LineId = "L1" }] };
}
