using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Audit.Rules;

/// <summary>
/// Late shipments rising above the channel's baseline: late rate r = late / merchant-shipped orders in the reviewed
/// month, baseline rate b = Σ late / Σ merchant-shipped over the baseline months (none shipped: no baseline, no
/// finding). Excess late orders e = late − b × shipped. Fires when r &gt; <see cref="BaselineExcess.RelativeFactor"/> × b
/// and e ≥ <see cref="MinimumExcessLateOrders"/>. Money = e × policy <see cref="BrandPolicy.LateOrderCost"/>(channel).
/// One root cause per channel (<c>late-shipments:{channel}</c>).
/// </summary>
public sealed class LateShipmentsRisingRule : AuditRule
{
    /// <summary>Fewest late orders above the baseline's expectation that make a trend rather than one bad day.</summary>
    public const decimal MinimumExcessLateOrders = 5m;

    public override FindingType Type => FindingType.LateShipmentsRising;

    public override decimal Effort => 3m;

    public override BrandSignal Signal => BrandSignal.Fulfilment;

    public override string AlertKind => "late-shipments";

    public override IEnumerable<Finding> Find(ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var month in facts.Channels.Where(c => c.Month == facts.Month && c.MerchantShippedOrders > 0).OrderBy(c => c.Channel))
        {
            var baseline = facts.Channels.Where(c => c.Channel == month.Channel && facts.Baseline.Contains(c.Month)).ToList();
            var baselineShipped = baseline.Sum(c => c.MerchantShippedOrders);
            if (baselineShipped == 0)
            {
                continue;
            }

            var baselineRate = (decimal)baseline.Sum(c => c.LateShipments) / baselineShipped;
            var rate = (decimal)month.LateShipments / month.MerchantShippedOrders;
            var excess = month.LateShipments - (baselineRate * month.MerchantShippedOrders);
            if (!BaselineExcess.Exceeds(rate, baselineRate, excess, MinimumExcessLateOrders))
            {
                continue;
            }

            var cost = facts.Policy.LateOrderCost(month.Channel);
            var money = excess * cost;
            var formula = $"({Show.Number(month.LateShipments)} late − {Show.Percent(baselineRate)} baseline × {Show.Number(month.MerchantShippedOrders)} shipped) × {Show.Amount(cost)} a late order = {Show.Money(money)} (late rate {Show.Percent(rate)})";
            var finding = NewFinding(
                facts,
                $"late shipments on {month.Channel}",
                month.Channel,
                null,
                money,
                $"late-shipments:{month.Channel.Slug()}",
                formula,
                [N("lateShipments", month.LateShipments), N("merchantShippedOrders", month.MerchantShippedOrders), N("lateRate", rate),
                 N("baselineLateRate", baselineRate), N("excessLateOrders", excess), N("lateOrderCost", cost)],
                month.LateSourceRows);
            if (finding is not null)
            {
                yield return finding;
            }
        }
    }

    public override string Title(IReadOnlyList<Finding> batch) => $"Bring late shipments on {CommonChannel(batch)?.ToString() ?? "several channels"} back to baseline";

    public override AlertRuleSpec? Alert(IReadOnlyList<Finding> batch, string owner)
    {
        var channel = CommonChannel(batch);
        var baseline = Number(batch, "baselineLateRate") ?? 0m;
        return new(
            AlertKind,
            $"late shipments on {channel}",
            channel,
            null,
            null,
            Math.Round(baseline * BaselineExcess.RelativeFactor, 4, MidpointRounding.AwayFromZero),
            owner,
            "Late-shipment rate (late / merchant-shipped orders) above the threshold ratio: 1.5 × the channel's baseline rate.");
    }
}
