using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>The guardrail's verdict of the price on one chosen channel (its fees).</summary>
/// <param name="Breaches"><c>below-floor</c> and/or <c>contribution-negative</c>; empty when the price passes there.</param>
public sealed record PriceSetChannelCheck(SalesChannel Channel, decimal Price, decimal? Floor, decimal Fees, decimal? Contribution, IReadOnlyList<string> Breaches)
{
    public bool IsBreach => Breaches.Count > 0;

    /// <summary>Fixed fees in another currency, left out of <see cref="Fees"/> and <see cref="Contribution"/> (<see cref="PriceVerdict.FeesLeftOut"/>).</summary>
    public IReadOnlyList<string> FeesLeftOut { get; init; } = [];

    public static PriceSetChannelCheck From(SalesChannel channel, ListingPriceCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var verdict = check.Verdict;
        var breaches = new List<string>();
        if (verdict.BelowFloor)
        {
            breaches.Add("below-floor");
        }

        if (verdict.ContributionNegative)
        {
            breaches.Add("contribution-negative");
        }

        return new PriceSetChannelCheck(channel, verdict.UnitNet, verdict.Floor, verdict.Fees, verdict.Contribution, breaches) { FeesLeftOut = verdict.FeesLeftOut };
    }
}
