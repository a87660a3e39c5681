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

    /// <summary>Every slug, for messages.</summary>
    public static string All => string.Join(", ", Enum.GetValues<ImportKind>().Select(k => k.Slug()));
}
