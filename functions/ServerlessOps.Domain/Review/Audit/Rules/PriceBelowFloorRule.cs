using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Audit.Rules;

/// <summary>
/// Prices below the floor: per SKU and channel in the reviewed month, units sold at a unit net price under
/// max(MAP, cost / (1 − margin floor)), the order flow's <see cref="PriceGuardrail"/> rule applied to every line when the
/// facts were built. Money = <see cref="SkuChannelMonth.FloorShortfall"/> = Σ (floor − unit net) × units, exact. A
/// channel's listings share one root cause (<c>price-floor:{channel}</c>): one repricing pass (or the promotion or sync
/// that undercut them) fixes them together.
/// </summary>
public sealed class PriceBelowFloorRule : AuditRule
{
    public override FindingType Type => FindingType.PriceBelowFloor;

    public override decimal Effort => 1m;

    public override BrandSignal Signal => BrandSignal.Pricing;

    public override string AlertKind => "price-floor";

    public override IEnumerable<Finding> Find(ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var marginFloor = facts.Policy.MarginFloorPercent;
        foreach (var row in facts.MonthSales().OrderBy(r => r.Channel).ThenBy(r => r.Sku, StringComparer.Ordinal))
        {
            if (row.UnitsBelowFloor <= 0 || row.FloorShortfall <= 0m)
            {
                continue;
            }

            var finding = NewFinding(
                facts,
                $"SKU {row.Sku} on {row.Channel}",
                row.Channel,
                row.Sku,
                row.FloorShortfall,
                $"price-floor:{row.Channel.Slug()}",
                $"Σ (floor − unit net) × units over {Show.Number(row.UnitsBelowFloor)} units below the floor = {Show.Money(row.FloorShortfall)}",
                [N("unitsBelowFloor", row.UnitsBelowFloor), N("floorShortfall", row.FloorShortfall), N("marginFloorPercent", marginFloor)],
                row.FloorSourceRows.Count > 0 ? row.FloorSourceRows : row.SourceRows);
            if (finding is not null)
            {
                yield return finding;
            }
        }
    }

    public override string Title(IReadOnlyList<Finding> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return $"Reprice listings under the floor on {CommonChannel(batch)?.ToString() ?? "several channels"} ({Show.Number(batch.Count)} SKUs)";
    }

    public override AlertRuleSpec? Alert(IReadOnlyList<Finding> batch, string owner)
    {
        var channel = CommonChannel(batch);
        return new(
            AlertKind,
            $"prices on {channel}",
            channel,
            null,
            null,
            0m,
            owner,
            $"Units sold under the floor, max(MAP, cost / (1 − {Show.Number(Number(batch, "marginFloorPercent") ?? 0m)} % margin floor)): Σ (floor − unit net) × units above the threshold (money, base currency).");
    }
}
