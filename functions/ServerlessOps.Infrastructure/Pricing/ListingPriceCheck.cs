using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>A listing price through the guardrail, with what the floor was made of (for messages and the audit).</summary>
/// <param name="Verdict">The guardrail's verdict for one unit at the price (quantity 1, no discount, the channel's fees).</param>
/// <param name="MinimumAdvertisedPrice">The item's MAP, when it has one.</param>
/// <param name="UnitCost">The unit cost in effect at the time, when known.</param>
/// <param name="MarginFloorPercent">The brand's margin floor.</param>
public sealed record ListingPriceCheck(PriceVerdict Verdict, decimal? MinimumAdvertisedPrice, decimal? UnitCost, decimal MarginFloorPercent);
