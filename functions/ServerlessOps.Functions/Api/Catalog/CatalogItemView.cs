using ServerlessOps.Domain.Catalog;

namespace ServerlessOps.Functions.Api.Catalog;

/// <summary>A catalog item with its listings, the unit cost in effect now and every cost period imported.</summary>
public sealed record CatalogItemView(CatalogItem Item, UnitCost? CurrentCost, IReadOnlyList<UnitCost> Costs);
