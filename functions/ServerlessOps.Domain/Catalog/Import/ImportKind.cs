namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>What a file imports. Route slugs: <c>catalog</c>, <c>costs</c>, <c>fees</c>, <c>stock-counts</c>.</summary>
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
}
