namespace ServerlessOps.Domain.Catalog;

/// <summary>
/// The ledger locations a listing ships from when the catalog import names none. The default is written into the
/// stored listing at import, so changing it later never silently moves where stock is kept.
/// </summary>
public static class StockLocations
{
    /// <summary>The brand's main warehouse: where a merchant-fulfilled listing ships from unless the import says otherwise.</summary>
    public const string Main = "main";

    /// <summary>Longest location name accepted (it is part of ledger keys).</summary>
    public const int MaxLength = 100;

    /// <summary>Amazon's own stock for an FBA listing in one marketplace: <c>amazon-fba:{marketplaceId}</c>.</summary>
    public static string AmazonFulfilment(string marketplaceId) => $"amazon-fba:{marketplaceId}";
}
