using ServerlessOps.Domain.Review.Audit.Rules;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Audit;

/// <summary>The audit's rules, one per <see cref="FindingType"/> (Review/README.md has the table).</summary>
public static class RuleCatalog
{
    private static readonly AuditRule[] Rules =
    [
        new DeadStockRule(),
        new AdBelowBreakevenRule(),
        new FeesAboveScheduleRule(),
        new LateShipmentsRisingRule(),
        new UnmappedSkuSalesRule(),
        new StockOutRule(),
        new PriceBelowFloorRule(),
        new RefundSpikeRule(),
    ];

    private static readonly Dictionary<FindingType, AuditRule> ByType = Rules.ToDictionary(r => r.Type);

    /// <summary>Every rule, in catalog order.</summary>
    public static IReadOnlyList<AuditRule> All => Rules;

    /// <summary>The rule behind findings of <paramref name="type"/>.</summary>
    public static AuditRule For(FindingType type) =>
        ByType.TryGetValue(type, out var rule) ? rule : throw new ArgumentOutOfRangeException(nameof(type), type, "No audit rule produces this finding type.");
}
