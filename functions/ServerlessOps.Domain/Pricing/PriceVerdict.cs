namespace ServerlessOps.Domain.Pricing;

/// <summary>
/// What <see cref="PriceGuardrail"/> found for one line. Amounts are rounded to cents (see <see cref="PriceGuardrail"/>),
/// and the two breaches are decided on those rounded amounts, so what an owner reads always agrees with the verdict.
/// </summary>
/// <param name="Key">The line's key.</param>
/// <param name="Floor">Lowest unit net price allowed: max(MAP, unit cost / (1 − margin floor)); null when neither is known.</param>
/// <param name="UnitNet">(quantity × unit price − discount) / quantity: after discounts, before tax and fees.</param>
/// <param name="Fees">The channel's scheduled fees on the line (its share of per-order fees included).</param>
/// <param name="Contribution">Line net − quantity × unit cost − fees; null when the unit cost is unknown.</param>
/// <param name="BelowFloor">The unit net price is below <paramref name="Floor"/>.</param>
/// <param name="ContributionNegative">The line loses money after the channel's fees.</param>
/// <param name="MoneyAtStake">What the line gives away: (floor − unit net) × quantity when below the floor, or the loss when
/// contribution is negative, whichever is larger; zero when neither breach.</param>
public sealed record PriceVerdict(
    string Key,
    decimal? Floor,
    decimal UnitNet,
    decimal Fees,
    decimal? Contribution,
    bool BelowFloor,
    bool ContributionNegative,
    decimal MoneyAtStake)
{
    /// <summary>
    /// Fixed amounts of fee rules that applied to the line in another currency than its own (no conversion here): left out
    /// of <see cref="Fees"/> and <see cref="Contribution"/>, each named with its rule so alerts and answers can say so.
    /// </summary>
    public IReadOnlyList<string> FeesLeftOut { get; init; } = [];

    /// <summary>Either breach.</summary>
    public bool IsBreach => BelowFloor || ContributionNegative;
}
