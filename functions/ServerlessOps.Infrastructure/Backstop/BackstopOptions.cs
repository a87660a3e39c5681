using System.ComponentModel.DataAnnotations;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>
/// The missed-webhook backstop, section <c>Backstop</c>: how far back it looks, how it pages, and when a webhook counts
/// as late or a channel's webhooks as stopped. Every property has a default; the channel APIs' base URLs, timeouts and
/// retries are the readers' (<c>Channels</c>) but for Shopify's, which is per shop.
/// </summary>
public sealed class BackstopOptions
{
    public const string SectionName = "Backstop";

    /// <summary>
    /// Whether the timer (<c>RunMissedWebhookBackstop</c>, every 15 minutes) runs it. Default true. The operations route
    /// <c>POST /api/brands/{brandId}/backstop/run</c> runs it either way (tests switch the timer off and run it by hand).
    /// </summary>
    public bool TimerEnabled { get; set; } = true;

    /// <summary>
    /// How far each run reaches back before its account's watermark, so a change stamped a little before the previous
    /// run's end (clock skew, a channel indexing late) is not missed. Default 2 minutes; 0 to 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A run lists changes up to this long before now, so a change whose webhook is still on its way (or in our queue)
    /// is not taken for a missed one; Amazon also wants LastUpdatedBefore at least 2 minutes in the past.
    /// Default 5 minutes; 2 minutes to 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:02:00", "01:00:00")]
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where an account's first run starts, before now (no watermark yet). Default 1 day; 1 minute to 400 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "400.00:00:00")]
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Orders asked for per page. Default 50; 1-100 (Amazon's and TikTok's maximum is 100, Walmart's 200).</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 50;

    /// <summary>
    /// Pages one account may read in one run. Default 200; 1-10000. A run that reaches it keeps its watermark where it was
    /// and halves the window the next run reads (down to <see cref="MinWindow"/>), so a backlog bigger than one run is
    /// worked through in narrower windows instead of the same wide window failing for ever; each window completed
    /// moves the watermark and doubles the next window again. A window reaching no more than <see cref="MinWindow"/>
    /// past the watermark cannot be narrowed further and is read to its end, however many pages that takes.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxPagesPerRun { get; set; } = 200;

    /// <summary>
    /// How far past the watermark the narrowest window the page limit can shrink a run to reaches (it also starts
    /// <see cref="Overlap"/> before it). Default 1 minute; 1 second to 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MinWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Shortest time between two list calls of one account (Shopify's GraphQL budget restores 50-100 points a second,
    /// TikTok allows about 20 calls a second per shop, Walmart's order list is generous). Default 0.5 s; 0-60 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MinListInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Amazon's getOrders usage plan is a burst of 20 calls, then one a minute (0.0167/s): list calls of one Amazon
    /// account in one run beyond this many wait <see cref="AmazonListInterval"/> each. Default 20; 1-100.
    /// </summary>
    [Range(1, 100)]
    public int AmazonListBurst { get; set; } = 20;

    /// <summary>Time between Amazon list calls once <see cref="AmazonListBurst"/> is spent. Default 60 s; 0 to 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan AmazonListInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The pause before list call number <paramref name="pagesRead"/> + 1 of one account on <paramref name="channel"/>.</summary>
    public TimeSpan PauseBeforeList(SalesChannel channel, int pagesRead) =>
        pagesRead == 0 ? TimeSpan.Zero
        : channel == SalesChannel.Amazon && pagesRead >= AmazonListBurst ? AmazonListInterval
        : MinListInterval;

    /// <summary>
    /// A webhook that converged an order more than this long after the channel's change counts as late. Default 15
    /// minutes; 1 minute to 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Orders a run must recover for one account, with no webhook of that account converging any order of the same
    /// window, before the data owner is told the account's webhooks stopped. Default 2; 1-1000.
    /// </summary>
    [Range(1, 1000)]
    public int WebhooksStoppedAfterMissed { get; set; } = 2;

    /// <summary>
    /// Shopify Admin API base URL. Empty (default): <c>https://{shop domain}/</c> of each account. Set it to one host for
    /// every shop (the stub marketplace locally).
    /// </summary>
    public string ShopifyAdminBaseUrl { get; set; } = string.Empty;

    /// <summary>Shopify Admin API version in the path. Default 2025-10.</summary>
    [Required]
    public string ShopifyApiVersion { get; set; } = "2025-10";

    /// <summary>Amazon <c>MarketplaceIds</c> for getOrders, comma-separated. Default ATVPDKIKX0DER (amazon.com).</summary>
    [Required]
    public string AmazonMarketplaceIds { get; set; } = "ATVPDKIKX0DER";
}
