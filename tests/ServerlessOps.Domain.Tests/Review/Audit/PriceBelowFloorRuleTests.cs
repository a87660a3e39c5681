using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Audit.Rules;

namespace ServerlessOps.Domain.Tests.Review.Audit;

public sealed class PriceBelowFloorRuleTests
{
    [Fact]
    public void Find_UnitsSoldUnderTheFloor_IsTheShortfallRoundedOnce()
    {
        var facts = new FactsBuilder().Sale("MUG", SalesChannel.Walmart, unitsBelowFloor: 9, floorShortfall: 7.125m).Build();

        var finding = Assert.Single(new PriceBelowFloorRule().Find(facts));

        Assert.Equal(7.13m, finding.MonthlyMoney);
        Assert.Equal("price-floor:walmart", finding.RootCause);
        Assert.Equal(SalesChannel.Walmart, finding.Channel);
        Assert.Equal(9m, finding.Evidence.Numbers["unitsBelowFloor"]);
        Assert.Equal(15m, finding.Evidence.Numbers["marginFloorPercent"]);
    }

    [Fact]
    public void Alert_PriceFloor_ChecksMoneyShortOfTheFloorOnTheChannel()
    {
        var facts = new FactsBuilder().Sale("MUG", SalesChannel.Walmart, unitsBelowFloor: 9, floorShortfall: 7.125m).Build();
        var rule = new PriceBelowFloorRule();

        var alert = rule.Alert([Assert.Single(rule.Find(facts))], "pricing@acme.test");

        Assert.NotNull(alert);
        Assert.Equal(("price-floor", SalesChannel.Walmart, 0m), (alert.Kind, alert.Channel, alert.Threshold));
        Assert.Contains("15 % margin floor", alert.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_NoUnitUnderTheFloor_NoFinding()
    {
        var facts = new FactsBuilder().Sale("MUG", unitsBelowFloor: 0, floorShortfall: 0m).Build();

        Assert.Empty(new PriceBelowFloorRule().Find(facts));
    }

    [Fact]
    public void Find_ShortfallUnderHalfACent_NoFinding()
    {
        var facts = new FactsBuilder().Sale("MUG", unitsBelowFloor: 1, floorShortfall: 0.004m).Build();

        Assert.Empty(new PriceBelowFloorRule().Find(facts));
    }
}
