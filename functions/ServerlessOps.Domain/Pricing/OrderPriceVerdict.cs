namespace ServerlessOps.Domain.Pricing;

/// <summary>The verdict of every line of an order, and the order's totals.</summary>
/// <param name="Lines">One verdict per line, in the order given.</param>
/// <param name="Contribution">Σ line contributions computed unrounded, then rounded once; null when any line's unit cost is unknown.</param>
/// <param name="MoneyAtStake">Σ lines' money at stake.</param>
public sealed record OrderPriceVerdict(IReadOnlyList<PriceVerdict> Lines, decimal? Contribution, decimal MoneyAtStake)
{
    public bool IsBreach => Lines.Any(l => l.IsBreach);

    public bool BelowFloor => Lines.Any(l => l.BelowFloor);

    public bool ContributionNegative => Lines.Any(l => l.ContributionNegative);
}
