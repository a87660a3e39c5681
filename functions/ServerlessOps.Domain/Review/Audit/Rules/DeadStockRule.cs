using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Audit.Rules;

/// <summary>
/// Dead stock: units on hand at the month's end and no sale on any channel in the 90 days ending on its last day
/// (last sale on or before last day − 90, or none in the window). Money = on hand × unit cost × policy
/// <see cref="BrandPolicy.MonthlyCarryingCostRate"/>: what holding it costs each month it stays. A SKU without a unit
/// cost has no carrying cost to state and is left to the data-quality rules. One root cause per SKU
/// (<c>dead-stock:{sku}</c>): each is cleared by its own markdown or liquidation.
/// </summary>
public sealed class DeadStockRule : AuditRule
{
    /// <summary>Days without a sale that make stock dead.</summary>
    public const int DaysWithoutSale = 90;

    public override FindingType Type => FindingType.DeadStock;

    public override decimal Effort => 2m;

    public override BrandSignal Signal => BrandSignal.Inventory;

    /// <summary>None: clearing dead stock is a one-off markdown or liquidation, and the stock-cover check guards the reorder side.</summary>
    public override string? AlertKind => null;

    public override IEnumerable<Finding> Find(ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var lastDay = facts.Month.LastDay();
        var deadIfLastSoldOnOrBefore = lastDay.AddDays(-DaysWithoutSale);
        var rate = facts.Policy.MonthlyCarryingCostRate;
        foreach (var stock in facts.Stock.OrderBy(s => s.Sku, StringComparer.Ordinal))
        {
            if (stock.OnHandAtMonthEnd <= 0 || stock.UnitCost is not { } cost || cost <= 0m
                || (stock.LastSold is { } sold && sold > deadIfLastSoldOnOrBefore))
            {
                continue;
            }

            var money = stock.OnHandAtMonthEnd * cost * rate;
            var lastSold = stock.LastSold is { } day ? "last sold " + Show.Day(day) : "no sale in the window";
            var formula = $"{Show.Number(stock.OnHandAtMonthEnd)} on hand × {Show.Amount(cost)} unit cost × {Show.Percent(rate)} carrying cost a month = {Show.Money(money)} ({lastSold}, nothing sold in the {DaysWithoutSale} days to {Show.Day(lastDay)})";
            var finding = NewFinding(
                facts,
                $"SKU {stock.Sku}",
                null,
                stock.Sku,
                money,
                $"dead-stock:{stock.Sku}",
                formula,
                [N("onHand", stock.OnHandAtMonthEnd), N("unitCost", cost), N("monthlyCarryingCostRate", rate), N("daysWithoutSale", DaysWithoutSale)],
                stock.SourceRows);
            if (finding is not null)
            {
                yield return finding;
            }
        }
    }

    public override string Title(IReadOnlyList<Finding> batch) => $"Clear dead stock of {CommonSku(batch) ?? "several SKUs"}";

    public override AlertRuleSpec? Alert(IReadOnlyList<Finding> batch, string owner) => null;
}
