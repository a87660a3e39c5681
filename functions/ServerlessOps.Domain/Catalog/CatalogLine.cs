namespace ServerlessOps.Domain.Catalog;

/// <summary>One channel SKU resolved to the brand's catalog.</summary>
/// <param name="Sku">The brand's catalog SKU: the key of the inventory ledger.</param>
/// <param name="StockLocation">The ledger location the channel's listing ships from (a warehouse, or the channel's own for Amazon FBA).</param>
/// <param name="ChannelFulfilled">True where the channel ships from its own stock (Amazon FBA): no merchant SLA.</param>
/// <param name="Category">The item's category, which fee rules may name.</param>
/// <param name="Currency">ISO 4217 code of <paramref name="MinimumAdvertisedPrice"/> and <paramref name="UnitCost"/>.</param>
/// <param name="MinimumAdvertisedPrice">MAP, when the item has one.</param>
/// <param name="UnitCost">Unit cost effective at the order's time, when known.</param>
public sealed record CatalogLine(
    string Sku,
    string StockLocation,
    bool ChannelFulfilled,
    string? Category,
    string Currency,
    decimal? MinimumAdvertisedPrice,
    decimal? UnitCost);
