using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Audit.Rules;

/// <summary>
/// Refund spikes against the SKU's own baseline, per mapped SKU and channel: refund rate r = refunds / revenue in the
/// reviewed month, baseline rate b = Σ refunds / Σ revenue over the baseline months of the same SKU and channel (no
/// baseline revenue: no baseline, no finding). Excess refunded units = refunded units − units × the baseline's refunded
/// units per unit sold. Fires when r &gt; <see cref="BaselineExcess.RelativeFactor"/> × b and the excess reaches
/// <see cref="MinimumExcessRefundedUnits"/>. Money = refunds − b × revenue: the refunds above what the SKU's own history
/// predicts. One root cause per SKU and channel (<c>refunds:{channel}:{sku}</c>): a listing, batch or quality problem.
/// </summary>
public sealed class RefundSpikeRule : AuditRule
{
    /// <summary>Fewest refunded units above the baseline's expectation that make a spike rather than one bad day.</summary>
    public const decimal MinimumExcessRefundedUnits = 3m;

    public override FindingType Type => FindingType.RefundSpike;

    public override decimal Effort => 3m;

    public override BrandSignal Signal => BrandSignal.Finance;

    public override string AlertKind => "refund-rate";

    public override IEnumerable<Finding> Find(ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var rows = facts.MonthSales().Where(r => r.Mapped && r.Revenue > 0m && r.Refunds > 0m).OrderBy(r => r.Channel).ThenBy(r => r.Sku, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var baseline = facts.Sales.Where(s => s.Channel == row.Channel && s.Sku == row.Sku && facts.Baseline.Contains(s.Month)).ToList();
            var baselineRevenue = baseline.Sum(s => s.Revenue);
            var baselineUnits = baseline.Sum(s => s.Units);
            if (baselineRevenue <= 0m || baselineUnits <= 0)
            {
                continue;
            }

            var baselineRate = baseline.Sum(s => s.Refunds) / baselineRevenue;
            var rate = row.Refunds / row.Revenue;
            var excessUnits = row.RefundedUnits - (row.Units * (decimal)baseline.Sum(s => s.RefundedUnits) / baselineUnits);
            if (!BaselineExcess.Exceeds(rate, baselineRate, excessUnits, MinimumExcessRefundedUnits))
            {
                continue;
            }

            var money = row.Refunds - (baselineRate * row.Revenue);
            var formula = $"{Show.Amount(row.Refunds)} refunds − {Show.Percent(baselineRate)} baseline × {Show.Amount(row.Revenue)} revenue = {Show.Money(money)} (refund rate {Show.Percent(rate)}, {Show.Number(excessUnits)} refunded units above baseline)";
            var finding = NewFinding(
                facts,
                $"SKU {row.Sku} on {row.Channel}",
                row.Channel,
                row.Sku,
                money,
                $"refunds:{row.Channel.Slug()}:{row.Sku}",
                formula,
                [N("refunds", row.Refunds), N("revenue", row.Revenue), N("refundRate", rate), N("baselineRefundRate", baselineRate),
                 N("refundedUnits", row.RefundedUnits), N("excessRefundedUnits", excessUnits)],
                row.RefundSourceRows.Count > 0 ? row.RefundSourceRows : row.SourceRows);
            if (finding is not null)
            {
                yield return finding;
            }
        }
    }

    public override string Title(IReadOnlyList<Finding> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return $"Find why refunds of {batch[0].Subject} spiked";
    }

    public override AlertRuleSpec? Alert(IReadOnlyList<Finding> batch, string owner)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var baseline = Number(batch, "baselineRefundRate") ?? 0m;
        return new(
            AlertKind,
            batch[0].Subject,
            CommonChannel(batch),
            CommonSku(batch),
            null,
            Math.Round(baseline * BaselineExcess.RelativeFactor, 4, MidpointRounding.AwayFromZero),
            owner,
            "Refund rate (refunds / revenue) of the SKU on the channel above the threshold ratio: 1.5 × its baseline rate.");
    }
}
