using System.Globalization;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>Shape of a generated stream. The defaults give about 60 deliveries across four channels.</summary>
public sealed record MarketplaceScenarioOptions
{
    /// <summary>Same seed, same stream: ids, times, bodies and delivery order.</summary>
    public int Seed { get; init; } = 20261120;

    /// <summary>Orders generated on each channel. 1-1000.</summary>
    public int OrdersPerChannel { get; init; } = 6;

    /// <summary>Inventory events on each of Shopify, Walmart and Amazon.</summary>
    public int InventoryEventsPerChannel { get; init; } = 3;

    /// <summary>Price events on each of Amazon and Walmart.</summary>
    public int PriceEventsPerChannel { get; init; } = 2;

    /// <summary>Chance that a delivery is re-sent later with the same delivery id. 0-1.</summary>
    public double DuplicateRate { get; init; } = 0.15;

    /// <summary>Chance that an order with several events has its last one delivered before its first. 0-1.</summary>
    public double OutOfOrderRate { get; init; } = 0.3;

    /// <summary>Event time of the first order; later events follow within hours.</summary>
    public DateTimeOffset Start { get; init; } = DateTimeOffset.Parse("2026-11-20T19:00:00Z", CultureInfo.InvariantCulture);

    public ScenarioAccounts Accounts { get; init; } = ScenarioAccounts.Default;

    /// <summary>
    /// When set, every order is one unit of this product (on every channel), instead of one or two random products of
    /// one to three units: a race of many orders for one SKU (the oversell test). Null by default.
    /// </summary>
    public ScenarioProduct? SingleUnitOf { get; init; }
}
