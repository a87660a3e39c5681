using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Audit.Rules;

/// <summary>
/// Sales on unmapped channel SKUs: revenue in the reviewed month on channel SKUs that map to no catalog SKU, so no cost,
/// no stock control and no price floor apply to it. Money = that revenue × the brand's typical contribution margin rate,
/// Σ (revenue − cogs − fees − refunds) / Σ revenue over every mapped, fully costed row of the facts (baseline and
/// reviewed month): the contribution running without control. No typical margin (nothing costed) or one at or under
/// zero states no money. One root cause per channel (<c>unmapped:{channel}</c>): one mapping pass fixes them.
/// </summary>
public sealed class UnmappedSkuSalesRule : AuditRule
{
    public override FindingType Type => FindingType.UnmappedSkuSales;

    public override decimal Effort => 1m;

    public override BrandSignal Signal => BrandSignal.Data;

    public override string AlertKind => "unmapped-sku";

    public override IEnumerable<Finding> Find(ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (FactsQueries.ContributionMarginRate(facts.Sales) is not { } margin || margin <= 0m)
        {
            yield break;
        }

        foreach (var row in facts.MonthSales().Where(r => !r.Mapped && r.Revenue > 0m).OrderBy(r => r.Channel).ThenBy(r => r.Sku, StringComparer.Ordinal))
        {
            var money = row.Revenue * margin;
            var finding = NewFinding(
                facts,
                $"channel SKU {row.Sku} on {row.Channel}",
                row.Channel,
                row.Sku,
                money,
                $"unmapped:{row.Channel.Slug()}",
                $"{Show.Amount(row.Revenue)} revenue × {Show.Percent(margin)} typical contribution margin = {Show.Money(money)} ({Show.Number(row.Units)} units without cost or stock control)",
                [N("revenue", row.Revenue), N("units", row.Units), N("typicalContributionMarginRate", margin)],
                row.SourceRows);
            if (finding is not null)
            {
                yield return finding;
            }
        }
    }

    public override string Title(IReadOnlyList<Finding> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return $"Map {Show.Number(batch.Count)} channel SKUs on {CommonChannel(batch)?.ToString() ?? "several channels"} to the catalog";
    }

    public override AlertRuleSpec? Alert(IReadOnlyList<Finding> batch, string owner)
    {
        var channel = CommonChannel(batch);
        return new(AlertKind, $"channel SKUs on {channel}", channel, null, null, 0m, owner, "Revenue on channel SKUs that map to no catalog SKU above the threshold (money, base currency).");
    }
}
