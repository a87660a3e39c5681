using ServerlessOps.Domain.Review.Audit.Rules;

namespace ServerlessOps.Domain.Tests.Review.Audit;

public sealed class StockOutRuleTests
{
    [Fact]
    public void Find_SellingSkuOutForDays_CostsDaysTimesVelocityTimesUnitContribution()
    {
        // 3 × 2.5 × 4.21 = 31.575 → 31.58
        var facts = new FactsBuilder().Stock("TEE", daysOut: 3, velocity: 2.5m, unitContribution: 4.21m).Build();

        var finding = Assert.Single(new StockOutRule().Find(facts));

        Assert.Equal(31.58m, finding.MonthlyMoney);
        Assert.Equal("stock-out:TEE", finding.RootCause);
        Assert.Equal("3 days out × 2.5 units a day × 4.21 unit contribution = 31.58", finding.Formula);
    }

    [Fact]
    public void Find_OneDayOut_IsNotAPattern()
    {
        var facts = new FactsBuilder().Stock("TEE", daysOut: 1, velocity: 40m, unitContribution: 10m).Build();

        Assert.Empty(new StockOutRule().Find(facts));
    }

    [Fact]
    public void Find_SkuThatDoesNotSellOrEarns_NoFinding()
    {
        var facts = new FactsBuilder()
            .Stock("SLOW", daysOut: 20, velocity: 0m, unitContribution: 10m)
            .Stock("LOSS", daysOut: 20, velocity: 3m, unitContribution: -1m)
            .Stock("NOCOST", daysOut: 20, velocity: 3m, unitContribution: null)
            .Build();

        Assert.Empty(new StockOutRule().Find(facts));
    }
}
