namespace ServerlessOps.Domain.Review.Findings;

/// <summary>The audit's rule catalog (README "Monthly review"): each kind has one formula for its money at stake.</summary>
public enum FindingType
{
    DeadStock,
    AdBelowBreakeven,
    FeesAboveSchedule,
    LateShipmentsRising,
    UnmappedSkuSales,
    StockOuts,
    PriceBelowFloor,
    RefundSpike,
}
