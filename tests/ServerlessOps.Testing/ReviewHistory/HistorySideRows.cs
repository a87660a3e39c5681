namespace ServerlessOps.Testing.ReviewHistory;

/// <summary>One day of one campaign.</summary>
public sealed record HistoryAdSpend(DateOnly Day, HistoryChannel Channel, string Campaign, string? Sku, decimal Spend, decimal AttributedSales, int AttributedUnits);

/// <summary>Units on hand at the end of a day.</summary>
public sealed record HistorySnapshot(DateOnly Day, string Sku, string Location, int OnHand);

/// <summary>A channel's revenue target for a month.</summary>
public sealed record HistoryTarget(int Year, int Month, HistoryChannel Channel, decimal Revenue, decimal MarginPercent);

/// <summary>One generated day: its orders and the stock at its end.</summary>
public sealed record HistoryDay(DateOnly Day, IReadOnlyList<HistoryOrder> Orders, IReadOnlyList<HistorySnapshot> Snapshots, IReadOnlyList<HistoryAdSpend> AdSpend);
