using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Audit;
using ServerlessOps.Domain.Review.Pnl;

namespace ServerlessOps.Domain.Tests.Review.Pnl;

public sealed class ProfitAndLossTests
{
    [Fact]
    public void For_PerChannelThenTotal_ContributionIsRevenueLessFeesAdsRefundsAndCogs()
    {
        var facts = new FactsBuilder()
            .Sale("A", SalesChannel.Amazon, units: 10, revenue: 1000m, cogs: 400m, feesCharged: 160m, feesScheduled: 150m, refunds: 20m)
            .Sale("B", SalesChannel.Amazon, units: 10, revenue: 500m, cogs: 200m, feesCharged: null, feesScheduled: 75.5m)
            .Sale("A", SalesChannel.Shopify, units: 10, revenue: 300m, cogs: 100m, feesCharged: 9.3m, feesScheduled: 9m)
            .Campaign("spring", 120m, 400m, channel: SalesChannel.Amazon)
            .Target(SalesChannel.Amazon, 2000m)
            .Build();

        var lines = ProfitAndLoss.For(facts);

        Assert.Equal([SalesChannel.Shopify, SalesChannel.Amazon, null], lines.Select(l => l.Channel));
        var shopify = lines[0];
        Assert.Equal((10, 300m, (decimal?)null, 9.3m, false, 0m, 0m, 100m, 190.7m),
            (shopify.Units, shopify.Revenue, shopify.TargetRevenue, shopify.Fees, shopify.FeesEstimated, shopify.AdSpend, shopify.Refunds, shopify.Cogs, shopify.Contribution));
        var amazon = lines[1];
        Assert.Equal((20, 20, 1500m, (decimal?)2000m, 235.5m, true, 120m, 20m, 600m, 524.5m),
            (amazon.Orders, amazon.Units, amazon.Revenue, amazon.TargetRevenue, amazon.Fees, amazon.FeesEstimated, amazon.AdSpend, amazon.Refunds, amazon.Cogs, amazon.Contribution));
        Assert.Equal(34.97m, amazon.ContributionMarginPercent);
        var total = lines[2];
        Assert.Equal((30, 30, 1800m, (decimal?)2000m, 244.8m, true, 120m, 20m, 700m, 715.2m),
            (total.Orders, total.Units, total.Revenue, total.TargetRevenue, total.Fees, total.FeesEstimated, total.AdSpend, total.Refunds, total.Cogs, total.Contribution));
    }

    [Fact]
    public void For_Total_IsTheUnroundedSumRoundedOnce_SoItCanDifferByACentFromTheLines()
    {
        // 100.005 on each channel rounds to 100.01 twice, but the month made 200.01, not 200.02.
        var facts = new FactsBuilder()
            .Sale("A", SalesChannel.Amazon, revenue: 100.005m, cogs: 0m, feesScheduled: 0m)
            .Sale("A", SalesChannel.Walmart, revenue: 100.005m, cogs: 0m, feesScheduled: 0m)
            .Build();

        var lines = ProfitAndLoss.For(facts);

        Assert.Equal([100.01m, 100.01m, 200.01m], lines.Select(l => l.Revenue));
        Assert.Equal([100.01m, 100.01m, 200.01m], lines.Select(l => l.Contribution));
    }

    [Fact]
    public void For_ChannelWithATargetButNoSales_IsALineOfZerosAgainstItsTarget()
    {
        var lines = ProfitAndLoss.For(new FactsBuilder().Sale("A", SalesChannel.Amazon).Target(SalesChannel.Walmart, 500m).Build());

        var walmart = Assert.Single(lines, l => l.Channel == SalesChannel.Walmart);
        Assert.Equal((0, 0m, (decimal?)500m, 0m, false), (walmart.Orders, walmart.Revenue, walmart.TargetRevenue, walmart.Contribution, walmart.FeesEstimated));
        Assert.Null(walmart.ContributionMarginPercent);
        Assert.Equal(500m, lines[^1].TargetRevenue);
    }

    [Fact]
    public void For_BaselineMonths_AreNotInTheMonthsPnl()
    {
        var lines = ProfitAndLoss.For(new FactsBuilder().Sale("A", SalesChannel.Amazon, FactsBuilder.Month.Previous, revenue: 999m).Sale("A", SalesChannel.Amazon, revenue: 10m).Build());

        Assert.Equal([10m, 10m], lines.Select(l => l.Revenue));
    }

    [Property]
    public Property For_TotalCells_AreTheRoundedSumOfTheUnroundedChannelFigures(NonNegativeInt a, NonNegativeInt b, NonNegativeInt c, NonNegativeInt fees)
    {
        // Mills, so every figure has a third decimal to round.
        var revenues = new[] { a.Get / 1000m, b.Get / 1000m, c.Get / 1000m };
        var fee = fees.Get / 1000m;
        var builder = new FactsBuilder();
        var channels = new[] { SalesChannel.Shopify, SalesChannel.Amazon, SalesChannel.Walmart };
        for (var i = 0; i < channels.Length; i++)
        {
            builder.Sale("A", channels[i], revenue: revenues[i], cogs: revenues[i] / 3m, feesScheduled: fee);
        }

        var lines = ProfitAndLoss.For(builder.Build());
        var total = lines[^1];
        var expectedContribution = Cents.Round(revenues.Sum() - (3 * fee) - revenues.Sum(r => r / 3m));

        return (total.Revenue == Cents.Round(revenues.Sum())
            && total.Contribution == expectedContribution
            && Math.Abs(total.Revenue - lines.Take(3).Sum(l => l.Revenue)) <= 0.015m
            && lines.All(l => l.Revenue == Math.Round(l.Revenue, 2))).ToProperty();
    }
}
