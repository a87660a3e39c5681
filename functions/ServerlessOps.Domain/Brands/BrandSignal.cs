namespace ServerlessOps.Domain.Brands;

/// <summary>What an alert or a report is about; each has an owner per brand (<see cref="BrandOwners"/>).</summary>
public enum BrandSignal
{
    /// <summary>Stock levels, oversells, restocks.</summary>
    Inventory,

    /// <summary>Prices below the margin floor, price changes on a channel.</summary>
    Pricing,

    /// <summary>Late shipments, missed ship-by, tracking.</summary>
    Fulfilment,

    /// <summary>The data itself: missed webhooks, quarantined deliveries, disconnected or expiring accounts.</summary>
    Data,

    /// <summary>Refunds, fees, payouts, the monthly review.</summary>
    Finance,
}
