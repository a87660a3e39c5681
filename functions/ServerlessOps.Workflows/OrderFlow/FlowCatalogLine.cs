namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>What the flow keeps of a resolved catalog line: where the stock is, and the price facts.</summary>
public sealed record FlowCatalogLine(string Sku, string StockLocation, bool ChannelFulfilled, string? Category, string Currency, decimal? MinimumAdvertisedPrice, decimal? UnitCost);
