using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Functions.Api;

/// <summary>An item's inventory as the channels report it: the newest level per channel account and location.</summary>
/// <param name="ItemKey">The SKU, or <c>item:{channel item id}</c>.</param>
/// <param name="Available">Σ of <see cref="Levels"/>' available units (each location's newest report).</param>
/// <param name="History">Every observation, newest first, when asked for; null otherwise.</param>
public sealed record InventoryView(
    string BrandId,
    string ItemKey,
    int Available,
    IReadOnlyList<InventoryLevelView> Levels,
    IReadOnlyList<InventoryLevelEvent>? History)
{
    /// <param name="events">The item's events, newest first (as the store lists them).</param>
    public static InventoryView From(string brandId, string itemKey, IReadOnlyList<InventoryLevelEvent> events, bool includeHistory)
    {
        ArgumentNullException.ThrowIfNull(events);
        var levels = events
            .GroupBy(e => (e.Channel, e.ChannelAccountId, e.LocationId))
            .Select(g => g.OrderByDescending(e => e.ObservedAt).First())
            .OrderBy(e => e.Channel).ThenBy(e => e.ChannelAccountId, StringComparer.Ordinal).ThenBy(e => e.LocationId, StringComparer.Ordinal)
            .Select(e => new InventoryLevelView(e.Channel.ToString(), e.ChannelAccountId, e.LocationId, e.Sku, e.ChannelItemId, e.Available, e.ObservedAt))
            .ToList();
        return new InventoryView(brandId, itemKey, levels.Sum(l => l.Available), levels, includeHistory ? events : null);
    }
}

/// <summary>The newest level one channel account reported for one location.</summary>
public sealed record InventoryLevelView(
    string Channel,
    string ChannelAccountId,
    string? LocationId,
    string? Sku,
    string? ChannelItemId,
    int Available,
    DateTimeOffset ObservedAt);
