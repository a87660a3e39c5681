using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Audit.Rules;

namespace ServerlessOps.Domain.Tests.Review.Audit;

public sealed class RefundSpikeRuleTests
{
    /// <summary>TEE on Amazon in September and October: 1000 revenue, 50 units, 20 refunded over 1 unit each: 2 %.</summary>
    private static FactsBuilder TwoPercentBaseline()
    {
        var builder = new FactsBuilder();
        foreach (var month in new[] { FactsBuilder.Month.AddMonths(-2), FactsBuilder.Month.AddMonths(-1) })
        {
            builder.Sale("TEE", SalesChannel.Amazon, month, units: 50, revenue: 1000m, refunds: 20m, refundedUnits: 1);
        }

        return builder;
    }

    [Fact]
    public void Find_RefundsAboveTheSkusBaseline_ExcessRefundsAreTheMoney()
    {
        // 96 refunds of 1200 (8 %) against 2 % × 1200 = 24: 72.00; 5 refunded units against 1.2 expected.
        var facts = TwoPercentBaseline().Sale("TEE", SalesChannel.Amazon, units: 60, revenue: 1200m, refunds: 96m, refundedUnits: 5).Build();

        var finding = Assert.Single(new RefundSpikeRule().Find(facts));

        Assert.Equal(72.00m, finding.MonthlyMoney);
        Assert.Equal("refunds:amazon:TEE", finding.RootCause);
        Assert.Equal(3.8m, finding.Evidence.Numbers["excessRefundedUnits"]);
        Assert.Equal("96.00 refunds − 2 % baseline × 1200.00 revenue = 72.00 (refund rate 8 %, 3.8 refunded units above baseline)", finding.Formula);
    }

    [Fact]
    public void Find_OneBadDayOfAHealthySku_NoFinding()
    {
        // Rate 5 % is well above 3 %, but 4 refunded units are only 2.8 above the 1.2 expected.
        var facts = TwoPercentBaseline().Sale("TEE", SalesChannel.Amazon, units: 60, revenue: 1200m, refunds: 60m, refundedUnits: 4).Build();

        Assert.Empty(new RefundSpikeRule().Find(facts));
    }

    [Fact]
    public void Find_RateExactlyOneAndAHalfTimesBaseline_NoFinding()
    {
        var facts = TwoPercentBaseline().Sale("TEE", SalesChannel.Amazon, units: 60, revenue: 1200m, refunds: 36m, refundedUnits: 9).Build();

        Assert.Empty(new RefundSpikeRule().Find(facts));
    }

    [Fact]
    public void Find_SameSkuOnAnotherChannel_HasItsOwnBaseline()
    {
        var facts = TwoPercentBaseline().Sale("TEE", SalesChannel.Walmart, units: 60, revenue: 1200m, refunds: 96m, refundedUnits: 5).Build();

        Assert.Empty(new RefundSpikeRule().Find(facts));
    }
}
