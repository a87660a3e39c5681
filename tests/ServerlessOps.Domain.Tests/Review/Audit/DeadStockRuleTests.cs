using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Audit.Rules;

namespace ServerlessOps.Domain.Tests.Review.Audit;

public sealed class DeadStockRuleTests
{
    // The month ends 2026-11-30; the 90 days without a sale start after 2026-09-01.
    private static readonly DateOnly NinetyDaysBeforeMonthEnd = new(2026, 9, 1);

    [Fact]
    public void Find_StockUnsoldForNinetyDays_CostsOnHandTimesCostTimesCarryingRate()
    {
        // 137 × 12.35 × 2.5 % = 42.29875 → 42.30
        var facts = new FactsBuilder()
            .Policy(BrandPolicy.Default with { MonthlyCarryingCostRate = 0.025m })
            .Stock("MUG", onHand: 137, unitCost: 12.35m, lastSold: NinetyDaysBeforeMonthEnd)
            .Build();

        var finding = Assert.Single(new DeadStockRule().Find(facts));

        Assert.Equal(42.30m, finding.MonthlyMoney);
        Assert.Equal("dead-stock:MUG", finding.RootCause);
        Assert.Equal("MUG", finding.Sku);
        Assert.Equal(137m, finding.Evidence.Numbers["onHand"]);
        Assert.Contains("snapshot:MUG:2026-11", finding.Evidence.SourceRows);
        Assert.Contains("137 on hand × 12.35 unit cost × 2.5 % carrying cost a month = 42.30", finding.Formula, StringComparison.Ordinal);
        Assert.Null(new DeadStockRule().Alert([finding], "stock@acme.test"));
    }

    [Fact]
    public void Find_NeverSoldInTheWindow_IsDead()
    {
        var facts = new FactsBuilder().Stock("MUG", onHand: 10, unitCost: 10m, lastSold: null).Build();

        Assert.Equal(2.00m, Assert.Single(new DeadStockRule().Find(facts)).MonthlyMoney);
    }

    [Fact]
    public void Find_MidpointCent_RoundsAwayFromZero()
    {
        // 5 × 0.25 × 2 % = 0.025 → 0.03 (banker's rounding would say 0.02).
        var facts = new FactsBuilder().Stock("PIN", onHand: 5, unitCost: 0.25m, lastSold: null).Build();

        Assert.Equal(0.03m, Assert.Single(new DeadStockRule().Find(facts)).MonthlyMoney);
    }

    [Fact]
    public void Find_SoldEightyNineDaysBeforeMonthEnd_IsNotDead()
    {
        var facts = new FactsBuilder().Stock("MUG", onHand: 137, unitCost: 12.35m, lastSold: NinetyDaysBeforeMonthEnd.AddDays(1)).Build();

        Assert.Empty(new DeadStockRule().Find(facts));
    }

    [Fact]
    public void Find_NothingOnHandOrNoCost_NoFinding()
    {
        var facts = new FactsBuilder()
            .Stock("EMPTY", onHand: 0, unitCost: 10m)
            .Stock("NOCOST", onHand: 50, unitCost: null)
            .Build();

        Assert.Empty(new DeadStockRule().Find(facts));
    }
}
