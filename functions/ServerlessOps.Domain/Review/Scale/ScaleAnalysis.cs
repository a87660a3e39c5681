using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Audit;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Domain.Review.Scale;

/// <summary>Winners and losers by SKU and channel from contribution trends, with suggested budget shifts.</summary>
public static class ScaleAnalysis
{
    /// <summary>A trend must move at least this share of the mean absolute monthly contribution to count (10 %).</summary>
    public const decimal SignificantShare = 0.10m;

    /// <summary>…and at least this much a month in base currency, so tiny SKUs do not swing on noise.</summary>
    public const decimal MinimumTrend = 10m;

    /// <summary>Share of a loser's ad spend of the month suggested to move away from it (50 %).</summary>
    public const decimal LoserBudgetCut = 0.5m;

    /// <summary>
    /// Per mapped SKU and channel with sales in the last three months (the brand must have data for all three; SKUs
    /// with any unit of unknown cost in them are left out, their contribution would be overstated):
    /// <list type="bullet">
    /// <item>monthly contribution c = Σ (revenue − cogs − fees − refunds) − ad spend of campaigns advertising that SKU on
    /// that channel (campaigns over many SKUs are not split); a month without sales counts its ad spend only;</item>
    /// <item>trend = least-squares slope over the three months = (c₃ − c₁) / 2 a month;</item>
    /// <item>significant when |trend| ≥ max(<see cref="SignificantShare"/> × mean |c|, <see cref="MinimumTrend"/>);</item>
    /// <item>winner: significant rising trend and c₃ &gt; 0; loser: significant falling trend, or c₃ &lt; 0 without a
    /// significant rise;</item>
    /// <item>budget: each loser gives up <see cref="LoserBudgetCut"/> of its ad spend this month (rounded once); the pool
    /// is shared among winners in proportion to their trend, in whole cents by largest remainder, so the shifts add up
    /// to zero and no winner's share is negative. Without a winner the cut is saved, and without a loser's spend winners get nothing.</item>
    /// </list>
    /// Winners first (steepest rise first), then losers (steepest fall first); ties by channel and SKU.
    /// </summary>
    public static IReadOnlyList<ScaleCall> Evaluate(ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var window = facts.LastThreeMonths();
        if (!facts.Baseline.Contains(window[0]) || !facts.Baseline.Contains(window[1]))
        {
            return [];
        }

        var candidates = facts.Sales
            .Where(s => s.Mapped && window.Contains(s.Month))
            .GroupBy(s => (s.Channel, s.Sku))
            .Where(g => g.All(s => s.UnitsWithoutCost == 0))
            .Select(g => Trend(facts, window, g.Key.Channel, g.Key.Sku, g.ToList()))
            .ToList();

        var winners = candidates.Where(c => c.Significant && c.Slope > 0m && c.Contributions[2] > 0m)
            .OrderByDescending(c => c.Slope).ThenBy(c => c.Channel).ThenBy(c => c.Sku, StringComparer.Ordinal).ToList();
        var losers = candidates.Where(c => (c.Significant && c.Slope < 0m) || (c.Contributions[2] < 0m && !(c.Significant && c.Slope > 0m)))
            .OrderBy(c => c.Slope).ThenBy(c => c.Channel).ThenBy(c => c.Sku, StringComparer.Ordinal).ToList();

        var cuts = losers.Select(l => Cents.Round(l.AdSpendThisMonth * LoserBudgetCut)).ToList();
        var pool = winners.Count > 0 ? cuts.Sum() : 0m;
        var gains = Share(pool, winners.Select(w => w.Slope).ToList());
        var range = $"{window[0]}..{window[2]}";

        var calls = winners.Select((w, i) => Call(w, true, gains[i], range, gains[i] > 0m ? $"; gets {Show.Money(gains[i])} of the budget freed from losers" : string.Empty));
        var cutCalls = losers.Select((l, i) => Call(l, false, -cuts[i], range, cuts[i] > 0m
            ? $"; move {Show.Percent(LoserBudgetCut)} of its {Show.Money(l.AdSpendThisMonth)} ad spend {(winners.Count > 0 ? "to the winners" : "out (no winner to take it)")}"
            : string.Empty));
        return [.. calls, .. cutCalls];
    }

    private static SkuTrend Trend(ReviewFacts facts, IReadOnlyList<ReviewMonth> window, SalesChannel channel, string sku, List<SkuChannelMonth> rows)
    {
        var adSpend = window.Select(m => facts.Campaigns.Where(c => c.Month == m && c.Channel == channel && c.Sku == sku).Sum(c => c.Spend)).ToArray();
        var contributions = window.Select((m, i) => rows.Where(r => r.Month == m).Sum(r => r.ContributionBeforeAds()) - adSpend[i]).ToArray();
        var slope = (contributions[2] - contributions[0]) / 2m;
        var meanAbsolute = contributions.Sum(Math.Abs) / contributions.Length;
        var significant = Math.Abs(slope) >= Math.Max(SignificantShare * meanAbsolute, MinimumTrend);
        return new SkuTrend(channel, sku, contributions, slope, significant, adSpend[2]);
    }

    /// <summary>
    /// The pool in proportion to the weights, in whole cents that sum to the pool (largest remainder: each share rounded
    /// down, then the cents left over go to the largest fractions, ties to the earlier winner). Rounding each share to the
    /// nearest cent and giving the last the remainder could leave the last a negative share when the pool is a few cents.
    /// </summary>
    private static decimal[] Share(decimal pool, List<decimal> weights)
    {
        var shares = new decimal[weights.Count];
        var total = weights.Sum();
        if (pool <= 0m || total <= 0m)
        {
            return shares;
        }

        var exact = weights.Select(w => pool * w / total).ToArray();
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] = Math.Floor(exact[i] * 100m) / 100m;
        }

        var centsLeft = (int)Math.Round((pool - shares.Sum()) * 100m);
        foreach (var i in Enumerable.Range(0, shares.Length).OrderByDescending(i => exact[i] - shares[i]).ThenBy(i => i).Take(centsLeft))
        {
            shares[i] += 0.01m;
        }

        return shares;
    }

    private static ScaleCall Call(SkuTrend t, bool winner, decimal shift, string range, string budget)
    {
        var path = string.Join(" → ", t.Contributions.Select(Show.Money));
        var reason = $"contribution {path} over {range}: {(t.Slope >= 0m ? "+" : string.Empty)}{Show.Money(t.Slope)} a month{budget}";
        return new ScaleCall(t.Channel, t.Sku, winner, Cents.Round(t.Contributions[2]), Cents.Round(t.Slope), shift, reason);
    }

    private sealed record SkuTrend(SalesChannel Channel, string Sku, decimal[] Contributions, decimal Slope, bool Significant, decimal AdSpendThisMonth);
}
