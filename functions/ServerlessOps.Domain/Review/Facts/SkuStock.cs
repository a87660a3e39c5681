namespace ServerlessOps.Domain.Review.Facts;

/// <summary>
/// One SKU's stock in the reviewed month, from the daily snapshots (all locations summed) and its sales.
/// </summary>
/// <param name="OnHandAtMonthEnd">Units on hand on the month's last snapshot day.</param>
/// <param name="UnitCost">Unit cost in effect at the month's end, base currency; null when none.</param>
/// <param name="LastSold">Day of the last sale on any channel in the window; null when never in the window.</param>
/// <param name="DaysOutOfStock">Days of the month with zero on hand while the SKU is active.</param>
/// <param name="DailyVelocity">Units sold per in-stock day over the 90 days before the month's end (all channels).</param>
/// <param name="UnitContribution">Average contribution per unit over those days (net − cost − scheduled fees); null without cost.</param>
/// <param name="SourceRows">The snapshot rows behind it (first out-of-stock day, last snapshot), for evidence.</param>
public sealed record SkuStock(
    string Sku,
    int OnHandAtMonthEnd,
    decimal? UnitCost,
    DateOnly? LastSold,
    int DaysOutOfStock,
    decimal DailyVelocity,
    decimal? UnitContribution,
    IReadOnlyList<string> SourceRows);
