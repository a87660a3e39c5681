namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>One channel of an override: the floor the price was below (or the loss after fees) when the person chose to push it anyway.</summary>
/// <param name="Channel">The channel's name (<c>Amazon</c>).</param>
/// <param name="Floor">The guardrail's floor on that channel, when known.</param>
/// <param name="Breach"><c>below-floor</c>, <c>contribution-negative</c>, both (comma-separated), or <c>none</c> when the price passed there.</param>
/// <param name="Contribution">Contribution per unit after the channel's fees, when the unit cost is known.</param>
public sealed record PriceOverrideChannel(string Channel, decimal? Floor, string Breach, decimal? Contribution);
