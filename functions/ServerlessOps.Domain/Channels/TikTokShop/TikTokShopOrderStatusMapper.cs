using ServerlessOps.Domain.Channels.Json;

namespace ServerlessOps.Domain.Channels.TikTokShop;

/// <summary>
/// Get Order Detail <c>status</c> (CHANNELS.md 4.5) read as what it says about the whole order; unknown values fail by
/// name. UNPAID and ON_HOLD (paid, held by TikTok's risk checks) are not released; AWAITING_COLLECTION is packed but not
/// yet picked up, so not shipped; IN_TRANSIT, DELIVERED and COMPLETED mean every unit shipped, DELIVERED and COMPLETED
/// also delivered; CANCELLED cancels every unshipped unit. The lines' <c>display_status</c> counts the units
/// (<see cref="IsShipped"/>, <see cref="IsCancelled"/>); the canonical status follows from them.
/// </summary>
public static class TikTokShopOrderStatusMapper
{
    private static readonly Dictionary<string, TikTokOrderState> _states = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UNPAID"] = new(Released: false, AllShipped: false, Delivered: false, Cancelled: false),
        ["ON_HOLD"] = new(Released: false, AllShipped: false, Delivered: false, Cancelled: false),
        ["AWAITING_SHIPMENT"] = new(Released: true, AllShipped: false, Delivered: false, Cancelled: false),
        ["PARTIALLY_SHIPPING"] = new(Released: true, AllShipped: false, Delivered: false, Cancelled: false),
        ["AWAITING_COLLECTION"] = new(Released: true, AllShipped: false, Delivered: false, Cancelled: false),
        ["IN_TRANSIT"] = new(Released: true, AllShipped: true, Delivered: false, Cancelled: false),
        ["DELIVERED"] = new(Released: true, AllShipped: true, Delivered: true, Cancelled: false),
        ["COMPLETED"] = new(Released: true, AllShipped: true, Delivered: true, Cancelled: false),
        ["CANCELLED"] = new(Released: true, AllShipped: false, Delivered: false, Cancelled: true),
    };

    public static TikTokOrderState Read(JsonCursor status) => _states[status.GetOneOf(_states.Keys)];

    /// <summary>Line <c>display_status</c> values meaning the unit left the warehouse.</summary>
    public static bool IsShipped(string? displayStatus) =>
        displayStatus is not null
        && (displayStatus.Equals("IN_TRANSIT", StringComparison.OrdinalIgnoreCase)
            || displayStatus.Equals("DELIVERED", StringComparison.OrdinalIgnoreCase)
            || displayStatus.Equals("COMPLETED", StringComparison.OrdinalIgnoreCase));

    public static bool IsCancelled(string? displayStatus) =>
        displayStatus is not null && displayStatus.Equals("CANCELLED", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What a TikTok Shop order <c>status</c> says about the order as a whole.</summary>
public sealed record TikTokOrderState(bool Released, bool AllShipped, bool Delivered, bool Cancelled);
