namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>What a file imports. Route slugs: <c>catalog</c>, <c>costs</c>, <c>fees</c>, <c>stock-counts</c>, and the review's history:
/// <c>orders</c>, <c>ad-spend</c>, <c>stock-snapshots</c>, <c>targets</c>, <c>exchange-rates</c> (Infrastructure/Review/Import/README.md).</summary>
public enum ImportKind
{
    /// <summary>Catalog items with their channel listings.</summary>
    Catalog,

    /// <summary>Unit costs with effective dates.</summary>
    Costs,

    /// <summary>Channel fee schedules.</summary>
    Fees,

    /// <summary>Stock counts, applied to the inventory ledger as count movements.</summary>
    StockCounts,

    /// <summary>Order history, converged into the order truth without starting flows or moving stock.</summary>
    Orders,

    /// <summary>Ad spend per day, channel, campaign and SKU.</summary>
    AdSpend,

    /// <summary>Daily stock snapshots per SKU and location (history only: never the live ledger).</summary>
    StockSnapshots,

    /// <summary>Targets per channel and month.</summary>
    Targets,

    /// <summary>Exchange rates per day.</summary>
    ExchangeRates,
}
