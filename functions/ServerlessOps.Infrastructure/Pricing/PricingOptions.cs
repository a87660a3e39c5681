using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>Section <c>Pricing</c>: how observed prices are judged and how much history a price-set keeps (README.md).</summary>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>
    /// The window of "recent velocity" for the money at stake of a price below the floor: units reserved by the channel's
    /// orders over it, per day. Fourteen days smooths a weekday pattern without going back past a promotion.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan VelocityWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Newest ledger entries of the SKU read for velocity (one bounded single-partition query; the ledger reads at most 1,000); a SKU moving more inside the window is undercounted, and the alert says how many were read.</summary>
    [Range(10, 1000)]
    public int VelocityEntries { get; set; } = 1000;
}
