namespace ServerlessOps.Domain.Catalog;

/// <summary>Whether a catalog item is still sold. A discontinued item keeps its listings, so open orders still resolve.</summary>
public enum CatalogItemStatus
{
    Active,
    Discontinued,
}
