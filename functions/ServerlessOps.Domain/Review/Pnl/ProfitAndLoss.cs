using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Audit;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Domain.Review.Pnl;

/// <summary>The reviewed month's P&amp;L per channel and in total, rounded once.</summary>
public static class ProfitAndLoss
{
    /// <summary>
    /// One line per channel with sales, ad spend or a target in the reviewed month (in <see cref="SalesChannel"/> order),
    /// then the total (channel null) last. Orders, units, revenue, cost of goods, refunds and ad spend come from the
    /// channel month; fees from its SKU rows, each row's charged fees where known plus the scheduled fees of its sold lines
    /// without charges (<see cref="FactsQueries.Fees"/>), and the line says <see cref="PnlLine.FeesEstimated"/> when any
    /// of them was scheduled. Target = Σ the month's revenue targets
    /// of the channel (null without one). Contribution = revenue − fees − ad spend − refunds − cogs, unrounded.
    /// Every money cell is rounded once from its unrounded figure; the total's cells are the sums of the channels'
    /// unrounded figures rounded once, so a total can differ by a cent from the sum of the rounded channel lines, and
    /// a line's contribution by a cent from its rounded cells' difference.
    /// </summary>
    public static IReadOnlyList<PnlLine> For(ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var channels = facts.Channels.Where(c => c.Month == facts.Month).Select(c => c.Channel)
            .Concat(facts.MonthSales().Select(s => s.Channel))
            .Concat(facts.Targets.Where(t => t.Month == facts.Month).Select(t => t.Channel))
            .Distinct()
            .Order()
            .ToList();
        var figures = channels.Select(channel => Figures(facts, channel)).ToList();
        var total = new Unrounded(
            null,
            figures.Sum(f => f.Orders),
            figures.Sum(f => f.Units),
            figures.Sum(f => f.Revenue),
            figures.Any(f => f.Target is not null) ? figures.Sum(f => f.Target ?? 0m) : null,
            figures.Sum(f => f.Fees),
            figures.Any(f => f.FeesEstimated),
            figures.Sum(f => f.AdSpend),
            figures.Sum(f => f.Refunds),
            figures.Sum(f => f.Cogs));
        return [.. figures.Select(Line), Line(total)];
    }

    private static Unrounded Figures(ReviewFacts facts, SalesChannel channel)
    {
        var month = facts.Channels.FirstOrDefault(c => c.Month == facts.Month && c.Channel == channel);
        var rows = facts.MonthSales().Where(s => s.Channel == channel).ToList();
        var targets = facts.Targets.Where(t => t.Month == facts.Month && t.Channel == channel).ToList();
        return new Unrounded(
            channel,
            month?.Orders ?? rows.Sum(r => r.Orders),
            month?.Units ?? rows.Sum(r => r.Units),
            month?.Revenue ?? rows.Sum(r => r.Revenue),
            targets.Count > 0 ? targets.Sum(t => t.Revenue) : null,
            rows.Sum(r => r.Fees()),
            rows.Any(r => r.FeesEstimated()),
            month?.AdSpend ?? facts.Campaigns.Where(c => c.Month == facts.Month && c.Channel == channel).Sum(c => c.Spend),
            month?.Refunds ?? rows.Sum(r => r.Refunds),
            month?.Cogs ?? rows.Sum(r => r.Cogs));
    }

    private static PnlLine Line(Unrounded f) => new(
        f.Channel,
        f.Orders,
        f.Units,
        Cents.Round(f.Revenue),
        f.Target is { } target ? Cents.Round(target) : null,
        Cents.Round(f.Fees),
        f.FeesEstimated,
        Cents.Round(f.AdSpend),
        Cents.Round(f.Refunds),
        Cents.Round(f.Cogs),
        Cents.Round(f.Revenue - f.Fees - f.AdSpend - f.Refunds - f.Cogs));

    private sealed record Unrounded(
        SalesChannel? Channel, int Orders, int Units, decimal Revenue, decimal? Target, decimal Fees, bool FeesEstimated, decimal AdSpend, decimal Refunds, decimal Cogs);
}
