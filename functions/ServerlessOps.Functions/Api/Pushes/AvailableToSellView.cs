using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Inventory.Availability;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Api.Pushes;

/// <summary>A SKU's available-to-sell per channel listing: what it should show, why, and what it was last given.</summary>
public sealed record AvailableToSellView(string BrandId, string Sku, IReadOnlyList<ListingAvailabilityView> Listings);

/// <summary>
/// One listing. <c>quantity</c> is null for a channel-fulfilled (FBA) listing, which is never pushed. <c>dirty</c>: a change
/// waits for its push; <c>pushing</c>: a worker is on it; <c>held</c>: a drop to zero waits for confirmation;
/// <c>paused</c>: its account's pushes are paused.
/// </summary>
public sealed record ListingAvailabilityView(
    string Channel,
    string ChannelSku,
    string Location,
    string? AccountId,
    bool ChannelFulfilled,
    int? Quantity,
    int? Available,
    BufferView? Buffer,
    int? Allocation,
    string Why,
    int? LastPushedQuantity,
    DateTimeOffset? LastPushedAt,
    double? PushLatencySeconds,
    bool Dirty,
    bool Pushing,
    bool Held,
    bool Paused,
    int Pushes,
    int Unchanged,
    int ConsecutiveFailures,
    string? LastError)
{
    public static ListingAvailabilityView From(ChannelListing listing, string? accountId, ListingQuantity? quantity, ListingPushDocument? state) => new(
        listing.Channel.ToString(),
        listing.ChannelSku,
        listing.StockLocation,
        accountId,
        listing.ChannelFulfilled,
        quantity?.Quantity,
        quantity?.Available,
        quantity is null ? null : BufferView.From(quantity.Buffer),
        quantity?.Allocation,
        quantity?.Why ?? "Fulfilled by the channel (Amazon FBA): Amazon holds its quantity; it is never pushed.",
        state?.LastPushedQuantity,
        state?.LastPushedAt,
        state?.LatencyMilliseconds is { } ms ? Math.Round(ms / 1000, 3) : null,
        state?.Dirty ?? false,
        state?.PushingSince is not null,
        state?.HeldSince is not null,
        state?.PausedSince is not null,
        state?.Pushes ?? 0,
        state?.Unchanged ?? 0,
        state?.ConsecutiveFailures ?? 0,
        state?.LastError);
}

/// <summary>The buffer and its inputs: max(static minimum, ⌈sales per second × push latency⌉).</summary>
public sealed record BufferView(int Units, int StaticMinimum, decimal SalesPerSecond, double PushLatencySeconds, bool LatencyMeasured, int RiskUnits)
{
    public static BufferView From(PushBuffer buffer) => new(
        buffer.Units, buffer.StaticMinimum, decimal.Round(buffer.SalesPerSecond, 6), Math.Round(buffer.PushLatency.TotalSeconds, 3), buffer.LatencyMeasured, buffer.RiskUnits);
}
