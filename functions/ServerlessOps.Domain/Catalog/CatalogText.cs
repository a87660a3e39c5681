namespace ServerlessOps.Domain.Catalog;

/// <summary>What SKUs, channel ids and names may look like: trimmed, 1-<c>max</c> characters, no control characters.</summary>
public static class CatalogText
{
    /// <summary>Longest SKU (catalog or channel) accepted; Amazon's seller SKU allows 40, Walmart's 50, Shopify's 255.</summary>
    public const int MaxSkuLength = 100;

    /// <summary>Longest title accepted.</summary>
    public const int MaxTitleLength = 500;

    /// <summary>Longest category or channel id accepted.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Null when <paramref name="value"/> is acceptable, else why not.</summary>
    public static string? Check(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "a value is required";
        }

        if (value.Length > maxLength)
        {
            return $"at most {maxLength} characters are allowed, found {value.Length}";
        }

        if (!string.Equals(value, value.Trim(), StringComparison.Ordinal))
        {
            return "leading or trailing spaces are not allowed";
        }

        return value.Any(char.IsControl) ? "control characters (tabs, line breaks) are not allowed" : null;
    }
}
