using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Inventory.Availability;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// The inputs of <see cref="ListingQuantity"/> as the app holds them: the brand's static buffer (registry policy), the
/// SKU's sales velocity at the location over <see cref="InventoryPushOptions.VelocityWindow"/> (ledger entries), the
/// listing's measured push latency (its push state; the configured default before its first push) and the channel's
/// allocation. One rule for the push worker and the available-to-sell API.
/// </summary>
public sealed class ListingQuantityCalculator(IBrandDirectorySource brands, IOptions<InventoryPushOptions> options, TimeProvider time)
{
    /// <summary>The start of the velocity window ending now: the ledger entries <see cref="Compute"/> needs are those applied after it.</summary>
    public DateTimeOffset VelocityFrom => time.GetUtcNow() - options.Value.VelocityWindow;

    public ListingQuantity Compute(string brandId, ChannelListing listing, StockBalance balance, IReadOnlyList<StockLedgerEntry> entries, ListingPushDocument? state)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(balance);
        var settings = options.Value;
        var minimum = brands.Current.Brands.TryGetValue(brandId, out var brand) ? brand.Policy.MinimumStockBuffer : BrandPolicy.Default.MinimumStockBuffer;
        var velocity = SalesVelocity.PerSecond(entries, listing.StockLocation, time.GetUtcNow(), settings.VelocityWindow);
        var measured = state?.LatencyMilliseconds is { } ms;
        var latency = measured ? TimeSpan.FromMilliseconds(state!.LatencyMilliseconds!.Value) : settings.DefaultPushLatency;
        var buffer = PushBuffer.Compute(minimum, velocity, latency, measured);
        return ListingQuantity.Compute(balance.Available, buffer, settings.AllocationFor(brandId, listing.Channel));
    }

    /// <summary>The brand's connected account on <paramref name="channel"/> (the first by id when it has several); null when none.</summary>
    public ChannelAccount? AccountFor(string brandId, SalesChannel channel) =>
        brands.Current.All
            .Where(r => r.Account.Channel == channel && r.Status != ChannelAccountStatus.Disconnected
                && string.Equals(r.Account.BrandId, brandId, StringComparison.Ordinal))
            .OrderBy(r => r.Account.AccountId, StringComparer.OrdinalIgnoreCase)
            .Select(r => r.Account)
            .FirstOrDefault();
}
