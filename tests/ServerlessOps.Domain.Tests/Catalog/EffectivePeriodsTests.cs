using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Tests.Catalog;

public sealed class EffectivePeriodsTests
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Jul = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CostAt_LaterCostStarted_SupersedesTheEarlierFromItsStart()
    {
        UnitCost[] costs = [new("A", 4.00m, "USD", Jan, null), new("A", 4.50m, "USD", Jul, null)];

        Assert.Equal(4.00m, EffectivePeriods.CostAt(costs, Jul.AddTicks(-1))!.Amount);
        Assert.Equal(4.50m, EffectivePeriods.CostAt(costs, Jul)!.Amount);
        Assert.Null(EffectivePeriods.CostAt(costs, Jan.AddDays(-1)));
    }

    [Fact]
    public void CostAt_AfterAnExplicitEnd_IsUnknownRatherThanTheOldCost()
    {
        UnitCost[] costs = [new("A", 4.00m, "USD", Jan, Jan.AddDays(10))];

        Assert.Equal(4.00m, EffectivePeriods.CostAt(costs, Jan.AddDays(9))!.Amount);
        Assert.Null(EffectivePeriods.CostAt(costs, Jan.AddDays(10)));
    }

    [Fact]
    public void FeesAt_PicksTheRuleInEffectPerFeeTypeAndCategory()
    {
        FeeRule[] rules =
        [
            Fee("referral", null, 15m, Jan), Fee("referral", null, 12m, Jul),
            Fee("referral", "Jewelry", 20m, Jan), Fee("closing", null, 1.8m, Jan, end: Jan.AddDays(30)),
        ];

        var inMarch = EffectivePeriods.FeesAt(rules, Jan.AddDays(60));
        var inAugust = EffectivePeriods.FeesAt(rules, Jul.AddDays(31));

        Assert.Equal([("referral", (string?)null, 15m), ("referral", "Jewelry", 20m)], inMarch.Select(r => (r.FeeType, r.Category, r.Percent)));
        Assert.Equal([("referral", (string?)null, 12m), ("referral", "Jewelry", 20m)], inAugust.Select(r => (r.FeeType, r.Category, r.Percent)));
    }

    [Fact]
    public void FeesAt_FeeTypeRenewedInAnotherLetterCase_SupersedesTheOldRow()
    {
        FeeRule[] rules = [Fee("Referral", null, 15m, Jan), Fee("referral", null, 12m, Jul)];

        var inAugust = EffectivePeriods.FeesAt(rules, Jul.AddDays(31));

        Assert.Equal([("referral", 12m)], inAugust.Select(r => (r.FeeType, r.Percent)));
    }

    [Fact]
    public void MergeByFeeKey_SameStartWithTheFeeTypeInAnotherLetterCase_ReplacesTheStoredRow()
    {
        // A brand corrects its fee file, writing the type as the channel's report does: one rule, corrected, not two charged.
        FeeRule[] stored = [Fee("Referral", "Grocery", 15m, Jan)];

        var merged = EffectivePeriods.Merge(stored, [Fee("referral", "grocery", 8m, Jan)], EffectivePeriods.FeeKey, r => r.EffectiveFrom);

        Assert.Equal([("referral", "grocery", 8m)], merged.Select(r => (r.FeeType, r.Category, r.Percent)));
    }

    [Fact]
    public void Merge_SameKeyAndStart_ReplacesTheStoredRowAndKeepsOthers()
    {
        UnitCost[] stored = [new("A", 4.00m, "USD", Jan, null), new("B", 9m, "USD", Jan, null)];
        UnitCost[] incoming = [new("A", 4.25m, "USD", Jan, null), new("A", 5m, "USD", Jul, null)];

        var merged = EffectivePeriods.Merge(stored, incoming, c => c.Sku, c => c.EffectiveFrom);

        Assert.Equal([("A", 4.25m), ("A", 5m), ("B", 9m)], merged.Select(c => (c.Sku, c.Amount)));
        Assert.Equal(merged, EffectivePeriods.Merge(merged, incoming, c => c.Sku, c => c.EffectiveFrom));
    }

    private static FeeRule Fee(string type, string? category, decimal percent, DateTimeOffset from, DateTimeOffset? end = null) =>
        new(SalesChannel.Amazon, type, category, FeeScope.PerLine, FeeBasis.Net, percent, 0m, 0m, "USD", from, end);
}
