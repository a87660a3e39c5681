namespace ServerlessOps.Domain.Inventory;

/// <summary>The key inventory and price records are grouped under: the SKU, else the channel's item id.</summary>
public static class ItemKey
{
    public static string For(string? sku, string? channelItemId) =>
        !string.IsNullOrWhiteSpace(sku) ? sku.Trim()
        : !string.IsNullOrWhiteSpace(channelItemId) ? $"item:{channelItemId.Trim()}"
        : throw new ArgumentException("An inventory or price record needs a SKU or a channel item id.");
}
