namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>The route slug of each <see cref="ImportKind"/>.</summary>
public static class ImportKinds
{
    public static string Slug(this ImportKind kind) => kind switch
    {
        ImportKind.Catalog => "catalog",
        ImportKind.Costs => "costs",
        ImportKind.Fees => "fees",
        ImportKind.StockCounts => "stock-counts",
        ImportKind.Orders => "orders",
        ImportKind.AdSpend => "ad-spend",
        ImportKind.StockSnapshots => "stock-snapshots",
        ImportKind.Targets => "targets",
        ImportKind.ExchangeRates => "exchange-rates",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown import kind."),
    };

    public static bool TryParseSlug(string? slug, out ImportKind kind)
    {
        foreach (var candidate in Enum.GetValues<ImportKind>())
        {
            if (string.Equals(candidate.Slug(), slug, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The monthly review's history kinds (orders, ad spend, stock snapshots, targets, rates), which have their own body limit.</summary>
    public static bool IsReviewHistory(this ImportKind kind) => kind >= ImportKind.Orders;

    /// <summary>Every slug, for messages.</summary>
    public static string All => string.Join(", ", Enum.GetValues<ImportKind>().Select(k => k.Slug()));
}
