using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Domain.Channels.Json;

/// <summary>
/// Builds the inventory and price records a delivery produces, with deterministic ids
/// <c>{deliveryKey}:{itemKey}:{location or kind}</c>: a redelivery writes the same documents, never new ones.
/// </summary>
public static class ChannelRecords
{
    public static InventoryLevelEvent InventoryLevel(
        string deliveryKey,
        ChannelAccount account,
        string? sku,
        string? channelItemId,
        string? locationId,
        int available,
        DateTimeOffset observedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryKey);
        ArgumentNullException.ThrowIfNull(account);
        var sanitizedSku = string.IsNullOrWhiteSpace(sku) ? null : sku.Trim();
        var itemKey = ItemKey.For(sanitizedSku, channelItemId);
        return new InventoryLevelEvent(
            Id: $"{deliveryKey}:{itemKey}:{locationId ?? "default"}",
            BrandId: account.BrandId,
            Channel: account.Channel,
            ChannelAccountId: account.AccountId,
            Sku: sanitizedSku,
            ChannelItemId: channelItemId,
            LocationId: locationId,
            Available: available,
            ObservedAt: observedAt);
    }

    public static PriceChange Price(
        string deliveryKey,
        ChannelAccount account,
        string? sku,
        string? channelItemId,
        PriceKind kind,
        decimal price,
        decimal? shipping,
        string currency,
        DateTimeOffset observedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryKey);
        ArgumentNullException.ThrowIfNull(account);
        var sanitizedSku = string.IsNullOrWhiteSpace(sku) ? null : sku.Trim();
        var itemKey = ItemKey.For(sanitizedSku, channelItemId);
        return new PriceChange(
            Id: $"{deliveryKey}:{itemKey}:{kind}",
            BrandId: account.BrandId,
            Channel: account.Channel,
            ChannelAccountId: account.AccountId,
            Sku: sanitizedSku,
            ChannelItemId: channelItemId,
            Kind: kind,
            Price: price,
            Shipping: shipping,
            Currency: currency,
            ObservedAt: observedAt);
    }

    /// <summary>Sums optional amounts; a missing amount counts as zero.</summary>
    public static decimal Sum(IEnumerable<JsonCursor> items, Func<JsonCursor, decimal> amount)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(amount);
        var total = 0m;
        foreach (var item in items)
        {
            total += amount(item);
        }

        return total;
    }
}
