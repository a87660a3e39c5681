namespace ServerlessOps.Domain.Review.Audit;

/// <summary>
/// The review's one rounding: cents, midpoint away from zero, applied once to a figure computed unrounded (a finding's
/// money, a P&amp;L cell). Sums of already rounded figures are exact and are not rounded again.
/// </summary>
public static class Cents
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
