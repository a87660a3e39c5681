namespace ServerlessOps.Testing.ReviewHistory;

/// <summary>One item of the generated brand: its catalog SKU, the channel SKU each marketplace reports, prices and cost in USD.</summary>
/// <param name="Weight">Relative popularity: how often it lands in an order.</param>
/// <param name="Map">Minimum advertised price, when the maker sets one.</param>
public sealed record HistoryProduct(string Sku, string Title, string Category, decimal Price, decimal UnitCost, decimal? Map, int Weight)
{
    /// <summary>The SKU a channel reports for it (marketplaces keep their own ids; the catalog maps them back).</summary>
    public string ChannelSku(HistoryChannel channel) => channel switch
    {
        HistoryChannel.Shopify => Sku,
        HistoryChannel.Amazon => "AMZ-" + Sku,
        HistoryChannel.Walmart => "WM-" + Sku,
        _ => "TT-" + Sku,
    };
}
