using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Brands;

/// <summary>
/// How a brand wants its operations run: the numbers flows, alerts and the monthly review decide by. One record so
/// later issues add a field with its default and range here (and a line in <see cref="Validate"/>), and every stored
/// brand without the field reads back with the default. Money is in the brand's base currency; rates are fractions
/// (0.02 = 2 %), percentages say so in their name.
/// </summary>
public sealed record BrandPolicy
{
    /// <summary>The policy every brand starts with.</summary>
    public static BrandPolicy Default { get; } = new();

    /// <summary>Lowest gross margin a line may sell at, in percent of its net price. Default 15; 0 to 100.</summary>
    public decimal MarginFloorPercent { get; init; } = 15m;

    /// <summary>Cost of holding one unit of stock for a month, as a fraction of its cost price. Default 0.02 (2 %); 0 to 1.</summary>
    public decimal MonthlyCarryingCostRate { get; init; } = 0.02m;

    /// <summary>What a late order costs on a channel without its own figure (penalties, lost ranking), in base currency. Default 10; 0 to 1,000,000.</summary>
    public decimal DefaultLateOrderCost { get; init; } = 10m;

    /// <summary>What a late order costs per channel where it differs from <see cref="DefaultLateOrderCost"/>. Default none; 0 to 1,000,000 each.</summary>
    public IReadOnlyDictionary<SalesChannel, decimal>? LateOrderCostByChannel { get; init; }

    /// <summary>Hold or continue an order whose price breaches the margin floor. Default <see cref="PriceBreachAction.Hold"/>.</summary>
    public PriceBreachAction OnPriceBreach { get; init; } = PriceBreachAction.Hold;

    /// <summary>Whether a returned unit goes back into sellable stock. Default true.</summary>
    public bool RestockOnReturn { get; init; } = true;

    /// <summary>Days after delivery a return is accepted. Default 30; 0 to 365.</summary>
    public int ReturnWindowDays { get; init; } = 30;

    /// <summary>Ship-within promise for orders whose channel states none. Default 2 days; 1 hour to 30 days.</summary>
    public TimeSpan DefaultShipWithin { get; init; } = TimeSpan.FromDays(2);

    /// <summary>Units held back from every channel per item, so a burst of orders cannot oversell. Default 0; 0 to 100,000.</summary>
    public int MinimumStockBuffer { get; init; }

    /// <summary>The late-order cost on <paramref name="channel"/>.</summary>
    public decimal LateOrderCost(SalesChannel channel) =>
        LateOrderCostByChannel is not null && LateOrderCostByChannel.TryGetValue(channel, out var cost) ? cost : DefaultLateOrderCost;

    /// <summary>Every value outside its documented range, named by path under <paramref name="path"/>.</summary>
    public IEnumerable<FieldError> Validate(string path = "policy")
    {
        const decimal MaxMoney = 1_000_000m;
        if (MarginFloorPercent is < 0m or > 100m)
        {
            yield return new FieldError($"{path}.marginFloorPercent", $"{MarginFloorPercent} is outside 0 to 100 (percent).");
        }

        if (MonthlyCarryingCostRate is < 0m or > 1m)
        {
            yield return new FieldError($"{path}.monthlyCarryingCostRate", $"{MonthlyCarryingCostRate} is outside 0 to 1 (a fraction: 0.02 = 2 % a month).");
        }

        if (DefaultLateOrderCost is < 0m or > MaxMoney)
        {
            yield return new FieldError($"{path}.defaultLateOrderCost", $"{DefaultLateOrderCost} is outside 0 to {MaxMoney:0}.");
        }

        foreach (var (channel, cost) in LateOrderCostByChannel ?? new Dictionary<SalesChannel, decimal>())
        {
            if (!Enum.IsDefined(channel))
            {
                yield return new FieldError($"{path}.lateOrderCostByChannel", $"Unknown channel '{channel}'; expected one of {string.Join(", ", Enum.GetNames<SalesChannel>())}.");
            }
            else if (cost is < 0m or > MaxMoney)
            {
                yield return new FieldError($"{path}.lateOrderCostByChannel.{channel}", $"{cost} is outside 0 to {MaxMoney:0}.");
            }
        }

        if (!Enum.IsDefined(OnPriceBreach))
        {
            yield return new FieldError($"{path}.onPriceBreach", $"Expected one of {string.Join(", ", Enum.GetNames<PriceBreachAction>())}.");
        }

        if (ReturnWindowDays is < 0 or > 365)
        {
            yield return new FieldError($"{path}.returnWindowDays", $"{ReturnWindowDays} is outside 0 to 365 (days).");
        }

        if (DefaultShipWithin < TimeSpan.FromHours(1) || DefaultShipWithin > TimeSpan.FromDays(30))
        {
            yield return new FieldError($"{path}.defaultShipWithin", $"{DefaultShipWithin} is outside 01:00:00 to 30.00:00:00.");
        }

        if (MinimumStockBuffer is < 0 or > 100_000)
        {
            yield return new FieldError($"{path}.minimumStockBuffer", $"{MinimumStockBuffer} is outside 0 to 100000 (units).");
        }
    }
}
