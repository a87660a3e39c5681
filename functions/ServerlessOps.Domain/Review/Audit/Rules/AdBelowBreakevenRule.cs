using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Audit.Rules;

/// <summary>
/// An ad campaign below breakeven ROAS over the last three months (the reviewed month and the two before), for a
/// campaign still spending in the reviewed month.
/// <list type="bullet">
/// <item>contribution margin rate m = Σ (revenue − cogs − fees − refunds) / Σ revenue of what it sells over those months:
/// its SKU on its channel, or the whole channel for a campaign over many SKUs (mapped, fully costed rows only; no rate,
/// no finding);</item>
/// <item>breakeven ROAS = 1 / m; below it when Σ attributed sales / Σ spend &lt; 1 / m, that is Σ spend &gt; Σ attributed sales × m;</item>
/// <item>money = (Σ spend − Σ attributed sales × max(m, 0)) / months it spent in: the spend its contribution does not cover, per month.</item>
/// </list>
/// A product that earns nothing before ads (m ≤ 0) covers none of its spend: every unit of spend is money at stake, and
/// no breakeven ROAS exists for a daily check. One root cause per campaign (<c>campaign:{channel}:{campaign}</c>).
/// </summary>
public sealed class AdBelowBreakevenRule : AuditRule
{
    public override FindingType Type => FindingType.AdBelowBreakeven;

    public override decimal Effort => 1m;

    public override BrandSignal Signal => BrandSignal.Finance;

    public override string AlertKind => "campaign-breakeven";

    public override IEnumerable<Finding> Find(ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var window = facts.LastThreeMonths();
        var campaigns = facts.Campaigns
            .Where(c => window.Contains(c.Month))
            .GroupBy(c => (c.Channel, c.Campaign))
            .OrderBy(g => g.Key.Channel).ThenBy(g => g.Key.Campaign, StringComparer.Ordinal);
        foreach (var campaign in campaigns)
        {
            if (!campaign.Any(c => c.Month == facts.Month && c.Spend > 0m))
            {
                continue;
            }

            var skus = campaign.Select(c => c.Sku).Distinct(StringComparer.Ordinal).ToList();
            var sku = skus.Count == 1 ? skus[0] : null;
            var sells = facts.Sales.Where(s => window.Contains(s.Month) && s.Channel == campaign.Key.Channel && (sku is null || s.Sku == sku));
            if (FactsQueries.ContributionMarginRate(sells) is not { } margin)
            {
                continue;
            }

            var spend = campaign.Sum(c => c.Spend);
            var sales = campaign.Sum(c => c.AttributedSales);
            var covered = sales * Math.Max(margin, 0m);
            if (spend <= covered)
            {
                continue;
            }

            var months = campaign.Where(c => c.Spend > 0m).Select(c => c.Month).Distinct().Count();
            var money = (spend - covered) / months;
            var roas = sales / spend;
            var numbers = new List<KeyValuePair<string, decimal>>
            {
                N("spend", spend), N("attributedSales", sales), N("contributionMarginRate", margin), N("roas", roas), N("monthsWithSpend", months),
            };
            var breakeven = margin > 0m ? "breakeven ROAS " + Show.Number(1m / margin) : "no contribution before ads, so no breakeven";
            if (margin > 0m)
            {
                numbers.Add(N("breakevenRoas", 1m / margin));
            }

            var formula = $"({Show.Amount(spend)} spend − {Show.Amount(sales)} attributed sales × {Show.Percent(Math.Max(margin, 0m))} margin) / {Show.Number(months)} months = {Show.Money(money)} (ROAS {Show.Number(roas)}, {breakeven})";
            var finding = NewFinding(
                facts,
                $"campaign {campaign.Key.Campaign} on {campaign.Key.Channel}",
                campaign.Key.Channel,
                sku,
                money,
                $"campaign:{campaign.Key.Channel.Slug()}:{campaign.Key.Campaign}",
                formula,
                numbers,
                campaign.OrderBy(c => c.Month).SelectMany(c => c.SourceRows));
            if (finding is not null)
            {
                yield return finding;
            }
        }
    }

    public override string Title(IReadOnlyList<Finding> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return $"Cut or re-bid {batch[0].Subject}, below breakeven ROAS";
    }

    public override AlertRuleSpec? Alert(IReadOnlyList<Finding> batch, string owner)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (Number(batch, "breakevenRoas") is not { } breakeven)
        {
            return null;
        }

        var campaign = batch[0].RootCause.Split(':', 3)[2];
        return new(
            AlertKind,
            batch[0].Subject,
            CommonChannel(batch),
            CommonSku(batch),
            campaign,
            Math.Round(breakeven, 4, MidpointRounding.AwayFromZero),
            owner,
            "Campaign ROAS (attributed sales / spend) under its breakeven ROAS, 1 / contribution margin rate (the threshold).");
    }
}
