using System.ComponentModel.DataAnnotations;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Section <c>InventoryPush</c>: the coalesced available-to-sell pushes to the channels (README.md). Amazon, Walmart and
/// TikTok Shop calls use the <c>Channels</c> section's base URLs, timeouts and retries; Shopify's are here, its host
/// being per shop.
/// </summary>
public sealed class InventoryPushOptions
{
    public const string SectionName = "InventoryPush";

    /// <summary>Whether ledger changes mark listings and push. Default true; false leaves the channels as they are.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Azure Storage queue between a marked listing and its push. Default <c>inventory-push</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string QueueName { get; set; } = "inventory-push";

    /// <summary>
    /// How long a push message stays invisible after the first change that dirtied its listing: changes arriving
    /// meanwhile ride on the same push. Default 1 s; 0 to 1 minute (the queue rounds to whole seconds).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CoalesceDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A listing dirty this long with no push done is queued again by the next change, or by the drift check's next
    /// visit (the message was lost: dead-lettered to poison, a repair's push that threw). Default 5 minutes; 10 s to 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan RequeueAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A worker's claim on a listing older than this is taken over (the worker died). Default 3 minutes; 30 s to 1 hour,
    /// more than every channel's <c>TotalTimeoutSeconds</c> (a push waiting on its channel is not dead).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// When a push failed after its retries, the listing stays dirty and is tried again after this, doubled per further
    /// failure up to 16×. Default 1 minute; 1 s to 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FailedRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after its <paramref name="failures"/>-th failure in a row a listing is tried again (none: zero).</summary>
    public TimeSpan RetryDelayAfter(int failures) => failures <= 0 ? TimeSpan.Zero : FailedRetryDelay * Math.Pow(2, Math.Min(failures - 1, 4));

    /// <summary>Window of reservations the sales velocity is measured over, from the start of the minute (hour, past an hour) it begins in. Default 15 minutes; 10 s to 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan VelocityWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Ledger entries read to measure velocity (newest first) for a balance whose reservation rollup does not cover the
    /// window yet (written before the rollup existed, until a window has passed). Default 500; 10-1000.
    /// </summary>
    [Range(10, 1000)]
    public int VelocityEntries { get; set; } = 500;

    /// <summary>Push latency assumed for a listing never pushed yet. Default 5 s; 0 to 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DefaultPushLatency { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Listings of one brand that may drop from stock to zero within <see cref="MassDropWindow"/> before further drops are
    /// held for confirmation (a bad count import). Default 10; 0-10000 (0 holds every drop to zero).
    /// </summary>
    [Range(0, 10_000)]
    public int MassDropMaxListings { get; set; } = 10;

    /// <summary>The window <see cref="MassDropMaxListings"/> counts drops in. Default 5 minutes; 10 s to 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan MassDropWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most units a channel may show per listing, by brand and channel name or slug (<c>InventoryPush__Allocations__acme__Amazon=50</c>,
    /// case-insensitive); a channel without an entry gets everything available. Default none.
    /// </summary>
    public Dictionary<string, Dictionary<string, int>> Allocations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Shopify Admin GraphQL version: 2026-04 takes <c>changeFromQuantity</c> and requires <c>@idempotent</c> (CHANNELS.md 1.8). Default 2026-04.</summary>
    [Required]
    [RegularExpression(@"^\d{4}-\d{2}$")]
    public string ShopifyApiVersion { get; set; } = "2026-04";

    /// <summary>
    /// Shopify pushes: <see cref="ChannelEndpointOptions.BaseUrl"/> is the shop's admin with <c>{shop}</c> for the shop
    /// domain (default <c>https://{shop}</c>; tests point it at the stub), and its timeouts and retries.
    /// </summary>
    public ChannelEndpointOptions Shopify { get; set; } = new() { BaseUrl = "https://{shop}" };

    /// <summary>Amazon's <c>productType</c> in a listings PATCH that changes only the offer's quantity. Default <c>PRODUCT</c>.</summary>
    [Required]
    public string AmazonProductType { get; set; } = "PRODUCT";

    /// <summary>The cap for <paramref name="brandId"/> on <paramref name="channel"/>, or null.</summary>
    public int? AllocationFor(string brandId, SalesChannel channel)
    {
        if (!Allocations.TryGetValue(brandId, out var channels))
        {
            return null;
        }

        foreach (var (name, cap) in channels)
        {
            if (string.Equals(name, channel.ToString(), StringComparison.OrdinalIgnoreCase) || string.Equals(name, channel.Slug(), StringComparison.OrdinalIgnoreCase))
            {
                return cap;
            }
        }

        return null;
    }
}
