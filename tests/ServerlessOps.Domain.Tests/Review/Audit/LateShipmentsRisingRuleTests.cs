using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Audit.Rules;

namespace ServerlessOps.Domain.Tests.Review.Audit;

public sealed class LateShipmentsRisingRuleTests
{
    /// <summary>Amazon shipped 500 a month in September and October, 10 late each: a 2 % baseline.</summary>
    private static FactsBuilder TwoPercentBaseline() => new FactsBuilder()
        .Shipping(SalesChannel.Amazon, shipped: 500, late: 10, month: FactsBuilder.Month.AddMonths(-2))
        .Shipping(SalesChannel.Amazon, shipped: 500, late: 10, month: FactsBuilder.Month.AddMonths(-1));

    [Fact]
    public void Find_LateRateAboveBaseline_ExcessLateOrdersTimesLateOrderCost()
    {
        // 30 late of 600 (5 %) against 2 % × 600 = 12 expected: 18 excess × 7.35 = 132.30
        var facts = TwoPercentBaseline()
            .Shipping(SalesChannel.Amazon, shipped: 600, late: 30)
            .Policy(BrandPolicy.Default with { LateOrderCostByChannel = new Dictionary<SalesChannel, decimal> { [SalesChannel.Amazon] = 7.35m } })
            .Build();

        var finding = Assert.Single(new LateShipmentsRisingRule().Find(facts));

        Assert.Equal(132.30m, finding.MonthlyMoney);
        Assert.Equal("late-shipments:amazon", finding.RootCause);
        Assert.Equal(18m, finding.Evidence.Numbers["excessLateOrders"]);
        Assert.Equal(0.02m, finding.Evidence.Numbers["baselineLateRate"]);
        Assert.Contains("order:late-Amazon-2026-11", finding.Evidence.SourceRows);
    }

    [Fact]
    public void Find_RateUnderOneAndAHalfTimesBaseline_NoFinding()
    {
        // 18 of 600 is exactly 3 % = 1.5 × 2 %: not above it, though 6 orders are in excess.
        var facts = TwoPercentBaseline().Shipping(SalesChannel.Amazon, shipped: 600, late: 18).Build();

        Assert.Empty(new LateShipmentsRisingRule().Find(facts));
    }

    [Fact]
    public void Find_OneBadDayOnAHealthyChannel_NoFinding()
    {
        // Never late before; 4 late of 20 this month is a 20 % rate but only 4 orders of excess.
        var facts = new FactsBuilder()
            .Shipping(SalesChannel.Walmart, shipped: 100, late: 0, month: FactsBuilder.Month.AddMonths(-1))
            .Shipping(SalesChannel.Walmart, shipped: 20, late: 4)
            .Build();

        Assert.Empty(new LateShipmentsRisingRule().Find(facts));
    }

    [Fact]
    public void Find_FiveExcessLateOrders_IsAFinding_AtTheDefaultLateOrderCost()
    {
        var facts = new FactsBuilder()
            .Shipping(SalesChannel.Walmart, shipped: 100, late: 0, month: FactsBuilder.Month.AddMonths(-1))
            .Shipping(SalesChannel.Walmart, shipped: 20, late: 5)
            .Build();

        Assert.Equal(50.00m, Assert.Single(new LateShipmentsRisingRule().Find(facts)).MonthlyMoney);
    }

    [Fact]
    public void Find_NoBaseline_NoFinding()
    {
        var facts = new FactsBuilder().Shipping(SalesChannel.Amazon, shipped: 600, late: 300).Build();

        Assert.Empty(new LateShipmentsRisingRule().Find(facts));
    }

    [Fact]
    public void Alert_LateShipments_ThresholdIsOneAndAHalfTimesBaseline()
    {
        var facts = TwoPercentBaseline().Shipping(SalesChannel.Amazon, shipped: 600, late: 30).Build();
        var rule = new LateShipmentsRisingRule();

        var alert = rule.Alert([Assert.Single(rule.Find(facts))], "ops@acme.test");

        Assert.NotNull(alert);
        Assert.Equal(0.03m, alert.Threshold);
        Assert.Equal(BrandSignal.Fulfilment, rule.Signal);
    }
}
