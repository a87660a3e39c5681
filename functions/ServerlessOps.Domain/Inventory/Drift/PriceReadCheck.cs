using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Domain.Inventory.Drift;

/// <summary>
/// A price read back from a channel against the pricing guardrail's floor, max(MAP, cost / (1 − margin floor)), and the
/// money at stake per day at recent velocity: (floor − price) × units per day. Velocity null means it could not be
/// measured (the alert says so rather than inventing a number).
/// </summary>
public static class PriceReadCheck
{
    /// <summary>The verdict; <see cref="PriceReadVerdict.Floor"/> is null when neither MAP nor a cost is known (nothing to check).</summary>
    public static PriceReadVerdict Check(decimal price, decimal? minimumAdvertisedPrice, decimal? unitCost, decimal marginFloorPercent, decimal? unitsPerDay)
    {
        var floor = PriceGuardrail.Floor(minimumAdvertisedPrice, unitCost, marginFloorPercent) is { } f ? PriceGuardrail.Round(f) : (decimal?)null;
        var below = floor is { } value && price < value;
        decimal? atStake = below && unitsPerDay is { } perDay ? PriceGuardrail.Round((floor!.Value - price) * perDay) : null;
        return new PriceReadVerdict(price, floor, below, unitsPerDay, atStake);
    }
}
