using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Audit.Rules;

namespace ServerlessOps.Domain.Tests.Review.Audit;

public sealed class FeesAboveScheduleRuleTests
{
    [Fact]
    public void Find_ChargedAboveSchedule_IsTheExactDifferenceRoundedOnce()
    {
        // 23.47 − 20.125 = 3.345 → 3.35
        var facts = new FactsBuilder()
            .Sale("TEE", SalesChannel.Amazon, feesCharged: 23.47m, feesScheduled: 20.125m)
            .Fee(new FeeRule(SalesChannel.Amazon, "referral", null, FeeScope.PerLine, FeeBasis.Net, 15m, 0m, 0m, "USD", new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), null))
            .Build();

        var finding = Assert.Single(new FeesAboveScheduleRule().Find(facts));

        Assert.Equal(3.35m, finding.MonthlyMoney);
        Assert.Equal("fees:amazon", finding.RootCause);
        Assert.Equal(23.47m, finding.Evidence.Numbers["feesCharged"]);
        Assert.Equal(20.125m, finding.Evidence.Numbers["feesScheduled"]);
        Assert.Contains("fee-rule:amazon:referral:all:2026-01-01", finding.Evidence.SourceRows);
        Assert.Equal("23.47 charged − 20.125 scheduled = 3.35", finding.Formula);
    }

    [Fact]
    public void Find_ChargedFeesUnknown_NoFinding()
    {
        var facts = new FactsBuilder().Sale("TEE", feesCharged: null, feesScheduled: 20m).Build();

        Assert.Empty(new FeesAboveScheduleRule().Find(facts));
    }

    [Fact]
    public void Find_ChargedExactlyOrBelowSchedule_NoFinding()
    {
        var facts = new FactsBuilder()
            .Sale("AT", feesCharged: 20m, feesScheduled: 20m)
            .Sale("UNDER", feesCharged: 19.99m, feesScheduled: 20m)
            .Build();

        Assert.Empty(new FeesAboveScheduleRule().Find(facts));
    }

    [Fact]
    public void Find_DifferenceUnderHalfACent_NoFinding()
    {
        var facts = new FactsBuilder().Sale("TEE", feesCharged: 20.004m, feesScheduled: 20m).Build();

        Assert.Empty(new FeesAboveScheduleRule().Find(facts));
    }

    [Fact]
    public void Find_ManySkusOfOneChannel_ShareOneRootCause()
    {
        var facts = new FactsBuilder()
            .Sale("A", SalesChannel.Amazon, feesCharged: 12m, feesScheduled: 10m)
            .Sale("B", SalesChannel.Amazon, feesCharged: 13m, feesScheduled: 10m)
            .Sale("C", SalesChannel.Walmart, feesCharged: 11m, feesScheduled: 10m)
            .Build();

        var findings = new FeesAboveScheduleRule().Find(facts).ToList();

        Assert.Equal(["fees:amazon", "fees:amazon", "fees:walmart"], findings.Select(f => f.RootCause));
    }

    [Fact]
    public void Find_BaselineMonths_AreNotReviewed()
    {
        var facts = new FactsBuilder().Sale("TEE", month: FactsBuilder.Month.Previous, feesCharged: 50m, feesScheduled: 10m).Build();

        Assert.Empty(new FeesAboveScheduleRule().Find(facts));
    }
}
