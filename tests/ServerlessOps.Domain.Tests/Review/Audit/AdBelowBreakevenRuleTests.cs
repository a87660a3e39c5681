using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Audit.Rules;

namespace ServerlessOps.Domain.Tests.Review.Audit;

public sealed class AdBelowBreakevenRuleTests
{
    private static readonly ReviewMonth September = FactsBuilder.Month.AddMonths(-2);
    private static readonly ReviewMonth October = FactsBuilder.Month.AddMonths(-1);

    /// <summary>TEE on Amazon each of the three months: 1000 revenue, 500 cost, 150 fees, 50 refunds → 30 % margin, breakeven ROAS 3.3333.</summary>
    private static FactsBuilder ThirtyPercentMargin(FactsBuilder builder)
    {
        foreach (var month in new[] { September, October, FactsBuilder.Month })
        {
            builder.Sale("TEE", SalesChannel.Amazon, month, revenue: 1000m, cogs: 500m, feesScheduled: 150m, refunds: 50m);
        }

        return builder;
    }

    [Fact]
    public void Find_CampaignBelowBreakeven_SpendNotCoveredPerMonth()
    {
        // Σ spend 333.45, Σ attributed sales 781 × 30 % = 234.30 covered; (333.45 − 234.30) / 3 = 33.05
        var facts = ThirtyPercentMargin(new FactsBuilder())
            .Campaign("spring", 100m, 250m, month: September)
            .Campaign("spring", 110m, 260m, month: October)
            .Campaign("spring", 123.45m, 271m)
            .Build();

        var finding = Assert.Single(new AdBelowBreakevenRule().Find(facts));

        Assert.Equal(33.05m, finding.MonthlyMoney);
        Assert.Equal("campaign:amazon:spring", finding.RootCause);
        Assert.Equal(0.3m, finding.Evidence.Numbers["contributionMarginRate"]);
        Assert.Equal(3.3333m, Math.Round(finding.Evidence.Numbers["breakevenRoas"], 4));
        Assert.Equal(3, finding.Evidence.Numbers["monthsWithSpend"]);
        Assert.Contains("import:ads:spring:2026-09", finding.Evidence.SourceRows);
        Assert.StartsWith("(333.45 spend − 781.00 attributed sales × 30 % margin) / 3 months = 33.05", finding.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_RoasJustAboveBreakeven_NoFinding()
    {
        // 90 spend against 301 sales × 30 % = 90.30 covered each month.
        var builder = ThirtyPercentMargin(new FactsBuilder());
        foreach (var month in new[] { September, October, FactsBuilder.Month })
        {
            builder.Campaign("spring", 90m, 301m, month: month);
        }

        Assert.Empty(new AdBelowBreakevenRule().Find(builder.Build()));
    }

    [Fact]
    public void Find_CampaignStoppedBeforeTheReviewedMonth_NoFinding()
    {
        var facts = ThirtyPercentMargin(new FactsBuilder()).Campaign("spring", 500m, 10m, month: October).Build();

        Assert.Empty(new AdBelowBreakevenRule().Find(facts));
    }

    [Fact]
    public void Find_CampaignRanTwoMonths_AveragesOverThoseTwo()
    {
        // (200 − 200 × 30 %) / 2 = 70.00
        var facts = ThirtyPercentMargin(new FactsBuilder())
            .Campaign("spring", 100m, 100m, month: October)
            .Campaign("spring", 100m, 100m)
            .Build();

        Assert.Equal(70.00m, Assert.Single(new AdBelowBreakevenRule().Find(facts)).MonthlyMoney);
    }

    [Fact]
    public void Find_CampaignOverManySkus_UsesTheChannelMargin()
    {
        // Channel: TEE 30 % on 3000 + MUG (Nov) 1000 revenue, 900 cost → contribution 900 + 100 = 1000 / 4000 = 25 %.
        var facts = ThirtyPercentMargin(new FactsBuilder())
            .Sale("MUG", SalesChannel.Amazon, revenue: 1000m, cogs: 900m, feesScheduled: 0m)
            .Campaign("brand", 100m, 200m, sku: null)
            .Build();

        var finding = Assert.Single(new AdBelowBreakevenRule().Find(facts));

        Assert.Null(finding.Sku);
        Assert.Equal(0.25m, finding.Evidence.Numbers["contributionMarginRate"]);
        Assert.Equal(50.00m, finding.MonthlyMoney);
    }

    [Fact]
    public void Find_ProductEarnsNothingBeforeAds_AllSpendIsAtStake_AndNoBreakevenCheck()
    {
        var facts = new FactsBuilder()
            .Sale("TEE", SalesChannel.Amazon, revenue: 1000m, cogs: 900m, feesScheduled: 150m)
            .Campaign("spring", 80m, 1000m)
            .Build();
        var rule = new AdBelowBreakevenRule();

        var finding = Assert.Single(rule.Find(facts));

        Assert.Equal(80.00m, finding.MonthlyMoney);
        Assert.False(finding.Evidence.Numbers.ContainsKey("breakevenRoas"));
        Assert.Null(rule.Alert([finding], "ads@acme.test"));
    }

    [Fact]
    public void Alert_BelowBreakeven_ChecksTheCampaignAgainstItsBreakevenRoas()
    {
        var facts = ThirtyPercentMargin(new FactsBuilder()).Campaign("spring", 100m, 100m).Build();
        var rule = new AdBelowBreakevenRule();

        var alert = rule.Alert([Assert.Single(rule.Find(facts))], "ads@acme.test");

        Assert.NotNull(alert);
        Assert.Equal("campaign-breakeven", alert.Kind);
        Assert.Equal("spring", alert.Campaign);
        Assert.Equal(3.3333m, alert.Threshold);
        Assert.Equal(SalesChannel.Amazon, alert.Channel);
        Assert.Equal(BrandSignal.Finance, rule.Signal);
    }
}
