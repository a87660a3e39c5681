using ServerlessOps.Domain.Catalog;
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
/// A settlement fee recorded after its order's month closed is that later month's restatement, as a late refund is: the
/// closed month's figures never move, and the month it was recorded in shows it.
/// </summary>
public sealed class LateSettlementFeeTests
{
    private static readonly ReviewMonth October = new(2026, 10);
    private static readonly ReviewMonth November = new(2026, 11);

    [Fact]
    public async Task FeeRecordedAfterItsMonthClosed_IsNextMonthsRestatement_AndLeavesTheClosedMonthAlone()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var order = fakes.Add("october", new DateTimeOffset(2026, 10, 20, 15, 0, 0, TimeSpan.Zero), new OrderLine("L1", "TEE", null, 1, 50m, 0m, 0m));
        var onTime = Fee("october", "t1", -2.50m, new DateTimeOffset(2026, 10, 25, 8, 0, 0, TimeSpan.Zero));
        var late = Fee("october", "t2", -1.75m, new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero));
        fakes.Orders[0] = SettlementFees.Apply(SettlementFees.Apply(order, [onTime], onTime.PostedAt).Order, [late], late.PostedAt).Order;

        var october = await BuildAsync(fakes, October);
        var november = await BuildAsync(fakes, November);

        // October, re-run after the late fee arrived, still charges only what was known when it closed.
        Assert.Equal(2.50m, Assert.Single(october.Facts.Sales, s => s.Month == October).FeesCharged);
        Assert.DoesNotContain(october.Restatements, r => r.Kind == "fee");

        var restatement = Assert.Single(november.Restatements, r => r.Kind == "fee");
        Assert.Equal(("shopify:october", October, -1.75m), (restatement.OrderId, restatement.OriginalMonth, restatement.Amount));
        Assert.Equal("order:shopify:october:fee:settlement:shopify:t2", restatement.SourceRow);
    }

    [Fact]
    public async Task FeeRecordedInItsOwnMonth_IsNoRestatement()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var order = fakes.Add("november", new DateTimeOffset(2026, 11, 5, 15, 0, 0, TimeSpan.Zero), new OrderLine("L1", "TEE", null, 1, 50m, 0m, 0m));
        var fee = Fee("november", "t3", -2.50m, new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        fakes.Orders[0] = SettlementFees.Apply(order, [fee], fee.PostedAt).Order;

        var november = await BuildAsync(fakes, November);

        Assert.Empty(november.Restatements);
        Assert.Equal(2.50m, Assert.Single(november.Facts.Sales, s => s.Month == November).FeesCharged);
    }

    [Fact]
    public async Task FeeSettledAfterItsMonthClosed_ReplacesTheScheduledEstimateTheClosedMonthCounted()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        fakes.Fees.Add(new FeeRule(SalesChannel.Shopify, "transaction", null, FeeScope.PerLine, FeeBasis.Net, 10m, 0m, 0m, "USD", DateTimeOffset.UnixEpoch, null));
        var order = fakes.Add("october", new DateTimeOffset(2026, 10, 20, 15, 0, 0, TimeSpan.Zero), new OrderLine("L1", "TEE", null, 1, 50m, 0m, 0m));
        var late = Fee("october", "t2", -6m, new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero));
        fakes.Orders[0] = SettlementFees.Apply(order, [late], late.PostedAt).Order;

        var october = await BuildAsync(fakes, October);
        var november = await BuildAsync(fakes, November);

        // October closed with the schedule's 5 (10 % of 50) as an estimate; the channel then charged 6.
        var closed = Assert.Single(ProfitAndLoss.For(october.Facts), l => l.Channel == SalesChannel.Shopify);
        Assert.Equal((5m, true), (closed.Fees, closed.FeesEstimated));
        var restated = november.Restatements.Where(r => r.OriginalMonth == October).Sum(r => r.Amount);
        Assert.Equal(-6m, -closed.Fees + restated);
    }

    [Fact]
    public async Task FeeScheduleChangedAfterTheClose_LeavesTheEstimateGivenBackAsTheClosedMonthCountedIt()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        fakes.Fees.Add(new FeeRule(SalesChannel.Shopify, "transaction", null, FeeScope.PerLine, FeeBasis.Net, 10m, 0m, 0m, "USD", DateTimeOffset.UnixEpoch, null));
        var order = fakes.Add("october", new DateTimeOffset(2026, 10, 20, 15, 0, 0, TimeSpan.Zero), new OrderLine("L1", "TEE", null, 1, 50m, 0m, 0m));
        var late = Fee("october", "t2", -6m, new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero));
        fakes.Orders[0] = SettlementFees.Apply(order, [late], late.PostedAt).Order;
        var october = await BuildAsync(fakes, October);

        // After October closed, the channel raised its fee to 20 % from 10 November.
        fakes.Fees.Add(new FeeRule(SalesChannel.Shopify, "transaction", null, FeeScope.PerLine, FeeBasis.Net, 20m, 0m, 0m, "USD", new DateTimeOffset(2026, 11, 10, 5, 0, 0, TimeSpan.Zero), null));
        var november = await BuildAsync(fakes, November);

        var closed = Assert.Single(ProfitAndLoss.For(october.Facts), l => l.Channel == SalesChannel.Shopify);
        Assert.Equal(closed.Fees, Assert.Single(november.Restatements, r => r.Kind == "fee-estimate").Amount);
    }
}
