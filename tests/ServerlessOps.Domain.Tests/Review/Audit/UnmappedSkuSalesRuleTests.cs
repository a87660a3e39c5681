using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Audit.Rules;

namespace ServerlessOps.Domain.Tests.Review.Audit;

public sealed class UnmappedSkuSalesRuleTests
{
    [Fact]
    public void Find_UnmappedRevenue_TimesTheBrandsTypicalContributionMargin()
    {
        // Mapped rows: 1000 revenue / 400 contribution (September) and 500 / 100 (November): 500 / 1500 = 1/3.
        // 123.45 × 1/3 = 41.15; the unmapped row's own figures do not count in the margin.
        var facts = new FactsBuilder()
            .Sale("TEE", SalesChannel.Shopify, FactsBuilder.Month.AddMonths(-2), revenue: 1000m, cogs: 450m, feesScheduled: 100m, refunds: 50m)
            .Sale("MUG", SalesChannel.Shopify, revenue: 500m, cogs: 300m, feesScheduled: 100m)
            .Sale("tt-778", SalesChannel.TikTokShop, revenue: 123.45m, cogs: 0m, feesScheduled: 10m, mapped: false, unitsWithoutCost: 10)
            .Build();

        var finding = Assert.Single(new UnmappedSkuSalesRule().Find(facts));

        Assert.Equal(41.15m, finding.MonthlyMoney);
        Assert.Equal("unmapped:tiktok", finding.RootCause);
        Assert.Equal("tt-778", finding.Sku);
        Assert.Equal(123.45m, finding.Evidence.Numbers["revenue"]);
    }

    [Fact]
    public void Find_UnmappedRowsOfBaselineMonths_AreNotReviewed()
    {
        var facts = new FactsBuilder()
            .Sale("TEE", revenue: 1000m, cogs: 500m)
            .Sale("tt-778", SalesChannel.TikTokShop, FactsBuilder.Month.AddMonths(-1), revenue: 900m, mapped: false)
            .Build();

        Assert.Empty(new UnmappedSkuSalesRule().Find(facts));
    }

    [Fact]
    public void Find_NoCostedSales_NoTypicalMargin_NoFinding()
    {
        var facts = new FactsBuilder()
            .Sale("TEE", revenue: 1000m, unitsWithoutCost: 10)
            .Sale("tt-778", SalesChannel.TikTokShop, revenue: 900m, mapped: false)
            .Build();

        Assert.Empty(new UnmappedSkuSalesRule().Find(facts));
    }

    [Fact]
    public void Find_AllMapped_NoFinding()
    {
        Assert.Empty(new UnmappedSkuSalesRule().Find(new FactsBuilder().Sale("TEE").Sale("MUG").Build()));
    }
}
