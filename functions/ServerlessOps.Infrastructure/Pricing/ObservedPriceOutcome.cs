namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>What the guard did with an observed price.</summary>
/// <param name="Result"><c>within</c> (at or above the floor, contribution not negative), <c>below-floor</c>,
/// <c>contribution-negative</c>, <c>overridden</c> (below, but the price a person pushed with a recorded override), or
/// <c>skipped</c> (not ours, not in the catalog, another currency, no floor known).</param>
/// <param name="Sku">The catalog SKU, when resolved.</param>
/// <param name="Check">The guardrail's verdict and its inputs, when checked.</param>
/// <param name="UnitsPerDay">The channel's recent velocity, when measured.</param>
/// <param name="MoneyAtStakePerDay">(floor − price) × units a day (or the loss per unit × units a day for a negative contribution), rounded once.</param>
/// <param name="Detail">Why, for logs and the drift report.</param>
public sealed record ObservedPriceOutcome(string Result, string? Sku, ListingPriceCheck? Check, decimal? UnitsPerDay, decimal? MoneyAtStakePerDay, string? Detail)
{
    /// <summary>An alert was raised (or kept open) for it.</summary>
    public bool IsBreach => Result is "below-floor" or "contribution-negative";

    public static ObservedPriceOutcome Skipped(string? sku, string reason) => new("skipped", sku, null, null, null, reason);
}
