using System.Globalization;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Audit;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Infrastructure.Review.Facts;

namespace ServerlessOps.Infrastructure.Review.Operations;

/// <summary>
/// One stored alert rule (<see cref="AlertRuleSpec"/>) against a day's figures. Each kind's test, in the rule's own unit:
/// <list type="bullet">
/// <item><c>stock-cover</c>: on hand at the day's end (snapshots) / the SKU's daily velocity from the roadmap's month &lt; threshold days;</item>
/// <item><c>campaign-breakeven</c>: the day's attributed sales / spend (ROAS) &lt; threshold;</item>
/// <item><c>fees-above-schedule</c>: fees charged − scheduled &gt; threshold (money);</item>
/// <item><c>price-floor</c>: Σ (floor − unit net) × units &gt; threshold (money);</item>
/// <item><c>late-shipments</c>: late / merchant-shipped orders &gt; threshold (a ratio);</item>
/// <item><c>unmapped-sku</c>: revenue on the unmapped channel SKU &gt; threshold (money);</item>
/// <item><c>refund-rate</c>: refunds / revenue &gt; threshold (a ratio).</item>
/// </list>
/// A day without the figures a rule needs passes it (nothing sold is not a breach). Unknown kinds are skipped.
/// </summary>
public static class AlertRuleCheck
{
    /// <summary>The signal whose owner hears of a breach of <paramref name="kind"/>.</summary>
    public static BrandSignal SignalOf(string kind) => kind switch
    {
        "stock-cover" => BrandSignal.Inventory,
        "price-floor" => BrandSignal.Pricing,
        "late-shipments" => BrandSignal.Fulfilment,
        "unmapped-sku" => BrandSignal.Data,
        _ => BrandSignal.Finance,
    };

    /// <summary>Why the rule failed, or null when it holds.</summary>
    public static string? Breach(AlertRuleSpec rule, IReadOnlyList<ChannelPartialFacts> day, IReadOnlyList<CampaignMonth> campaigns, IReadOnlyDictionary<string, int> onHand, IReadOnlyList<SkuStock> velocity)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(day);
        var sales = day.SelectMany(p => p.Sales)
            .Where(s => (rule.Channel is null || s.Channel == rule.Channel) && (rule.Sku is null || s.Sku == rule.Sku))
            .ToList();
        var t = rule.Threshold;
        switch (rule.Kind)
        {
            case "stock-cover":
                var speed = velocity.FirstOrDefault(v => v.Sku == rule.Sku)?.DailyVelocity ?? 0m;
                if (rule.Sku is null || !onHand.TryGetValue(rule.Sku, out var units))
                {
                    return null; // no snapshot of the SKU that day is no figure, not 0 on hand
                }

                return speed > 0m && units / speed < t ? $"{units} units on hand cover {F(units / speed)} days at {F(speed)} a day, under {F(t)}" : null;
            case "campaign-breakeven":
                var ads = campaigns.Where(c => c.Campaign == rule.Campaign && (rule.Channel is null || c.Channel == rule.Channel)).ToList();
                var spend = ads.Sum(c => c.Spend);
                return spend > 0m && ads.Sum(c => c.AttributedSales) / spend < t ? $"ROAS {F(ads.Sum(c => c.AttributedSales) / spend)} on {F(spend)} spent, under {F(t)}" : null;
            case "fees-above-schedule":
                var excess = sales.Where(s => s.FeesCharged is not null).Sum(s => s.FeesCharged!.Value - s.FeesScheduledWhereCharged());
                return excess > t ? $"fees charged {F(excess)} above schedule, over {F(t)}" : null;
            case "price-floor":
                var shortfall = sales.Sum(s => s.FloorShortfall);
                return shortfall > t ? $"{sales.Sum(s => s.UnitsBelowFloor)} units under the floor, {F(shortfall)} short, over {F(t)}" : null;
            case "late-shipments":
                var channels = day.SelectMany(p => p.Channels).Where(c => rule.Channel is null || c.Channel == rule.Channel).ToList();
                var shipped = channels.Sum(c => c.MerchantShippedOrders);
                return shipped > 0 && (decimal)channels.Sum(c => c.LateShipments) / shipped > t ? $"{channels.Sum(c => c.LateShipments)} of {shipped} orders late, over a rate of {F(t)}" : null;
            case "unmapped-sku":
                var unmapped = sales.Where(s => !s.Mapped).Sum(s => s.Revenue);
                return unmapped > t ? $"{F(unmapped)} sold on an unmapped channel SKU, over {F(t)}" : null;
            case "refund-rate":
                var revenue = sales.Sum(s => s.Revenue);
                return revenue > 0m && sales.Sum(s => s.Refunds) / revenue > t ? $"refunds {F(sales.Sum(s => s.Refunds))} on revenue {F(revenue)}, over a rate of {F(t)}" : null;
            default:
                return null;
        }
    }

    private static string F(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
}
