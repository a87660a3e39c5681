using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Inventory.Availability;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// The inputs of <see cref="ListingQuantity"/> as the app holds them: the brand's static buffer (registry policy), the
/// SKU's sales velocity at the location over <see cref="InventoryPushOptions.VelocityWindow"/> (the balance's reservation
/// rollup; the ledger's entries for a balance whose rollup does not cover the window yet), the listing's measured push
/// latency (its push state; the configured default before its first push) and the channel's allocation. One rule for
/// the push worker and the available-to-sell API.
/// </summary>
public sealed class ListingQuantityCalculator(IBrandDirectorySource brands, IOptions<InventoryPushOptions> options, TimeProvider time)
{
    /// <summary>
    /// The ledger entries <see cref="Compute"/> needs for <paramref name="position"/>: none when its rollup covers the
    /// velocity window (the usual case), else those applied in the window, newest <see cref="InventoryPushOptions.VelocityEntries"/>.
    /// </summary>
    public async Task<IReadOnlyList<StockLedgerEntry>> EntriesFor(IInventoryLedgerStore ledger, StockPosition position, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(position);
        var settings = options.Value;
        var now = time.GetUtcNow();
        return position.Reservations.Covers(now, settings.VelocityWindow)
            ? []
            : await ledger.ListEntriesAppliedAfterAsync(position.Balance.BrandId, position.Balance.Sku, now - settings.VelocityWindow, settings.VelocityEntries, cancellationToken);
    }

    /// <param name="entries">From <see cref="EntriesFor"/>: used only when the position's rollup does not cover the window.</param>
    public ListingQuantity Compute(string brandId, ChannelListing listing, StockPosition position, IReadOnlyList<StockLedgerEntry> entries, ListingPushDocument? state)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(position);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var minimum = brands.Current.Brands.TryGetValue(brandId, out var brand) ? brand.Policy.MinimumStockBuffer : BrandPolicy.Default.MinimumStockBuffer;
        var velocity = position.Reservations.Covers(now, settings.VelocityWindow)
            ? position.Reservations.PerSecond(now, settings.VelocityWindow)
            : SalesVelocity.PerSecond(entries, listing.StockLocation, now, settings.VelocityWindow);
        var measured = state?.LatencyMilliseconds is { } ms;
        var latency = measured ? TimeSpan.FromMilliseconds(state!.LatencyMilliseconds!.Value) : settings.DefaultPushLatency;
        var buffer = PushBuffer.Compute(minimum, velocity, latency, measured);
        return ListingQuantity.Compute(position.Balance.Available, buffer, settings.AllocationFor(brandId, listing.Channel));
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
