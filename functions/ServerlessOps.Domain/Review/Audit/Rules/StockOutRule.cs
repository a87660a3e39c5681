using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Audit.Rules;

/// <summary>
/// Stock-outs of selling SKUs: a SKU that sells (daily velocity over the 90 days before the month's end above zero) and
/// was out of stock at least <see cref="MinimumDaysOut"/> days of the month. Money = days out × daily velocity × unit
/// contribution: the contribution those days would have earned. One day out is left alone (a one-off gap between a
/// sale and a restock is not a pattern), and so is a SKU without a positive unit contribution. One root cause per SKU
/// (<c>stock-out:{sku}</c>): its reorder point.
/// </summary>
public sealed class StockOutRule : AuditRule
{
    /// <summary>Fewest days out of stock in the month that make a finding.</summary>
    public const int MinimumDaysOut = 2;

    /// <summary>The daily check's stock cover: alert when on hand / daily velocity falls under this many days.</summary>
    public const decimal StockCoverDays = 14m;

    public override FindingType Type => FindingType.StockOuts;

    public override decimal Effort => 2m;

    public override BrandSignal Signal => BrandSignal.Inventory;

    public override string AlertKind => "stock-cover";

    public override IEnumerable<Finding> Find(ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var stock in facts.Stock.OrderBy(s => s.Sku, StringComparer.Ordinal))
        {
            if (stock.DaysOutOfStock < MinimumDaysOut || stock.DailyVelocity <= 0m || stock.UnitContribution is not { } unit || unit <= 0m)
            {
                continue;
            }

            var money = stock.DaysOutOfStock * stock.DailyVelocity * unit;
            var finding = NewFinding(
                facts,
                $"SKU {stock.Sku}",
                null,
                stock.Sku,
                money,
                $"stock-out:{stock.Sku}",
                $"{Show.Number(stock.DaysOutOfStock)} days out × {Show.Number(stock.DailyVelocity)} units a day × {Show.Amount(unit)} unit contribution = {Show.Money(money)}",
                [N("daysOutOfStock", stock.DaysOutOfStock), N("dailyVelocity", stock.DailyVelocity), N("unitContribution", unit), N("stockCoverDays", StockCoverDays)],
                stock.SourceRows);
            if (finding is not null)
            {
                yield return finding;
            }
        }
    }

    public override string Title(IReadOnlyList<Finding> batch) => $"Raise the reorder point of {CommonSku(batch) ?? "several SKUs"}";

    public override AlertRuleSpec? Alert(IReadOnlyList<Finding> batch, string owner) => new(
        AlertKind,
        $"SKU {CommonSku(batch)}",
        null,
        CommonSku(batch),
        null,
        StockCoverDays,
        owner,
        "Stock cover (on hand / daily velocity) under the threshold in days.");
}
