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

    /// <summary>
    /// A two-line order imported with a fee on each line, then settled for one line only. The settlement's fee used to
    /// replace the imported fees of the whole order, so the line it did not cover lost its fee and the contribution was
    /// overstated by it.
    /// </summary>
    [Fact]
    public async Task TwoLineOrderSettledForOneLine_KeepsTheOtherLinesImportedFee()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m).Map("MUG", 3m);
        var order = fakes.Add("november", new DateTimeOffset(2026, 11, 5, 15, 0, 0, TimeSpan.Zero),
            new OrderLine("L1", "TEE", null, 1, 50m, 0m, 0m), new OrderLine("L2", "MUG", null, 1, 20m, 0m, 0m));
        order = order with { Fees = [new OrderFee("referral", 3m) { LineId = "L1" }, new OrderFee("referral", 1.20m) { LineId = "L2" }] };
        var fee = Fee("november", "t1", -2.50m, new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero)) with { LineId = "L1" };
        fakes.Orders[0] = SettlementFees.Apply(order, [fee], fee.PostedAt).Order;

        var november = await BuildAsync(fakes, November);

        var charged = november.Facts.Sales.Where(s => s.Month == November).ToDictionary(s => s.Sku, s => s.FeesCharged);
        Assert.Equal((2.50m, 1.20m), (charged["TEE"], charged["MUG"])); // settled on L1, imported on L2
        Assert.Equal(3.70m, Assert.Single(ProfitAndLoss.For(november.Facts), l => l.Channel == SalesChannel.Shopify).Fees);
    }

    /// <summary>
    /// The same order closed on its imported fees and settled for one line the next month: only that line's imported fee
    /// is restated back, so the closed month plus its restatements counts the settlement's fee and the other line's.
    /// </summary>
    [Fact]
    public async Task TwoLineOrderSettledForOneLineAfterItsMonthClosed_RestatesOnlyThatLinesImportedFee()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m).Map("MUG", 3m);
        var order = fakes.Add("october", new DateTimeOffset(2026, 10, 20, 15, 0, 0, TimeSpan.Zero),
            new OrderLine("L1", "TEE", null, 1, 50m, 0m, 0m), new OrderLine("L2", "MUG", null, 1, 20m, 0m, 0m));
        order = order with { Fees = [new OrderFee("referral", 3m) { LineId = "L1" }, new OrderFee("referral", 1.20m) { LineId = "L2" }] };
        var late = Fee("october", "t2", -2.50m, new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero)) with { LineId = "L1" };
        fakes.Orders[0] = SettlementFees.Apply(order, [late], late.PostedAt).Order;

        var october = await BuildAsync(fakes, October);
        var november = await BuildAsync(fakes, November);

        var closed = Assert.Single(ProfitAndLoss.For(october.Facts), l => l.Channel == SalesChannel.Shopify);
        Assert.Equal(4.20m, closed.Fees);
        var restated = november.Restatements.Where(r => r.OriginalMonth == October).ToList();
        Assert.Equal(-3.70m, -closed.Fees + restated.Sum(r => r.Amount));
    }

    private static Order Imported(Order order, decimal fee) => order with { Fees = [new OrderFee("referral", fee) { LineId = "L1" }] };
}
