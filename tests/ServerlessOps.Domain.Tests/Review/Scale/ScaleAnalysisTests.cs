using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Scale;

namespace ServerlessOps.Domain.Tests.Review.Scale;

public sealed class ScaleAnalysisTests
{
    private static readonly ReviewMonth[] Window = [FactsBuilder.Month.AddMonths(-2), FactsBuilder.Month.AddMonths(-1), FactsBuilder.Month];

    /// <summary>Three months of a SKU whose contribution before ads is exactly its revenue (no cost, fees or refunds).</summary>
    private static FactsBuilder Contributions(FactsBuilder builder, string sku, SalesChannel channel, params decimal[] perMonth)
    {
        for (var i = 0; i < 3; i++)
        {
            builder.Sale(sku, channel, Window[i], revenue: perMonth[i], cogs: 0m, feesScheduled: 0m);
        }

        return builder;
    }

    private static FactsBuilder Portfolio()
    {
        var builder = new FactsBuilder();
        Contributions(builder, "TEE", SalesChannel.Amazon, 100m, 150m, 220m);   // +60 a month: winner
        Contributions(builder, "SOCK", SalesChannel.Shopify, 50m, 70m, 90m);     // +20: winner
        Contributions(builder, "MUG", SalesChannel.Amazon, 300m, 250m, 260m);    // 260 − 80 ads = 180: −60, loser
        Contributions(builder, "HAT", SalesChannel.Walmart, -30m, -25m, 10m);    // 10 − 30 ads = −20: losing money
        Contributions(builder, "CAP", SalesChannel.Walmart, 200m, 205m, 210m);   // +5: steady, neither
        return builder
            .Campaign("mugs", 80m, 300m, sku: "MUG")
            .Campaign("hats", 30m, 40m, sku: "HAT", channel: SalesChannel.Walmart);
    }

    [Fact]
    public void Evaluate_RisingContribution_IsAWinner_FallingOrNegative_IsALoser()
    {
        var calls = ScaleAnalysis.Evaluate(Portfolio().Build());

        Assert.Equal([("TEE", true), ("SOCK", true), ("MUG", false), ("HAT", false)], calls.Select(c => (c.Sku, c.Winner)));
        Assert.Equal([60m, 20m, -60m, 5m], calls.Select(c => c.Trend));
        Assert.Equal([220m, 90m, 180m, -20m], calls.Select(c => c.ContributionThisMonth));
    }

    [Fact]
    public void Evaluate_LosersGiveUpHalfTheirAdSpend_WinnersShareItByTrend()
    {
        // Pool = 80 / 2 + 30 / 2 = 55; TEE 55 × 60 / 80 = 41.25, SOCK takes the remaining 13.75.
        var calls = ScaleAnalysis.Evaluate(Portfolio().Build());

        Assert.Equal([41.25m, 13.75m, -40m, -15m], calls.Select(c => c.SuggestedBudgetShift));
        Assert.Equal(0m, calls.Sum(c => c.SuggestedBudgetShift));
        Assert.Equal("contribution 300.00 → 250.00 → 180.00 over 2026-09..2026-11: -60.00 a month; move 50 % of its 80.00 ad spend to the winners", calls[2].Reason);
    }

    [Fact]
    public void Evaluate_PoolOfAFewCents_IsSharedInWholeCentsWithNoWinnerGivenANegativeShare()
    {
        // Pool = 0.10 / 2 = 0.05 for four winners weighted 100, 100, 100, 10: exact shares 0.0161 × 3 and 0.0016. Rounding
        // each to the nearest cent gave 0.02 × 3 and left the last −0.01; by largest remainder it is 0.02, 0.02, 0.01, 0.
        var builder = new FactsBuilder();
        foreach (var sku in new[] { "W1", "W2", "W3" })
        {
            Contributions(builder, sku, SalesChannel.Amazon, 0m, 100m, 200m);
        }

        Contributions(builder, "W4", SalesChannel.Amazon, 0m, 10m, 20m);
        Contributions(builder, "MUG", SalesChannel.Amazon, 300m, 250m, 100m);
        var calls = ScaleAnalysis.Evaluate(builder.Campaign("mugs", 0.10m, 1m, sku: "MUG").Build());

        Assert.Equal([("W1", 0.02m), ("W2", 0.02m), ("W3", 0.01m), ("W4", 0m), ("MUG", -0.05m)], calls.Select(c => (c.Sku, c.SuggestedBudgetShift)));
        Assert.Equal(0m, calls.Sum(c => c.SuggestedBudgetShift));
    }

    [Fact]
    public void Evaluate_TrendJustUnderTheMinimum_IsNeither()
    {
        // (119.98 − 100) / 2 = 9.99 a month, under the 10.00 minimum.
        var calls = ScaleAnalysis.Evaluate(Contributions(new FactsBuilder(), "ROCK", SalesChannel.Amazon, 100m, 100m, 119.98m).Build());

        Assert.Empty(calls);
    }

    [Fact]
    public void Evaluate_WithoutThreeMonthsOfData_NoCalls()
    {
        var facts = new FactsBuilder()
            .Sale("TEE", SalesChannel.Amazon, FactsBuilder.Month.Previous, revenue: 10m, cogs: 0m, feesScheduled: 0m)
            .Sale("TEE", SalesChannel.Amazon, revenue: 1000m, cogs: 0m, feesScheduled: 0m)
            .Build();

        Assert.Empty(ScaleAnalysis.Evaluate(facts));
    }

    [Fact]
    public void Evaluate_SkuWithUnitsOfUnknownCost_IsLeftOut()
    {
        var builder = Contributions(new FactsBuilder(), "TEE", SalesChannel.Amazon, 100m, 150m, 220m);
        builder.Sale("TEE", SalesChannel.Shopify, Window[2], revenue: 500m, unitsWithoutCost: 1);
        Contributions(builder, "TEE", SalesChannel.Shopify, 10m, 100m, 300m);

        var call = Assert.Single(ScaleAnalysis.Evaluate(builder.Build()));

        Assert.Equal(SalesChannel.Amazon, call.Channel);
    }

    [Fact]
    public void Evaluate_WinnersWithoutLosersSpend_GetNoBudget()
    {
        var call = Assert.Single(ScaleAnalysis.Evaluate(Contributions(new FactsBuilder(), "TEE", SalesChannel.Amazon, 100m, 150m, 220m).Build()));

        Assert.True(call.Winner);
        Assert.Equal(0m, call.SuggestedBudgetShift);
    }
}
