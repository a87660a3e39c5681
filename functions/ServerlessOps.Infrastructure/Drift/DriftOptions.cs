using System.ComponentModel.DataAnnotations;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Drift;

/// <summary>
/// Section <c>Drift</c>: reading listings back from the channels and repairing drift (README.md). The channels' base
/// URLs, timeouts and retries are the pushes' (<c>Channels</c>, and <c>InventoryPush:Shopify</c> for Shopify).
/// </summary>
public sealed class DriftOptions
{
    public const string SectionName = "Drift";

    /// <summary>Whether the timer runs the drift check. Default true; false leaves it to <c>POST …/drift/run</c> (tests).</summary>
    public bool TimerEnabled { get; set; } = true;

    /// <summary>
    /// How often the timer reads each listing back (the timer fires every 5 minutes and reads the listings due). A listing
    /// with a first observation of drift is read again on the next run whatever this says. Default 15 minutes; 5 minutes to 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan ReadInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// No read before this long after our last push to Shopify: its GraphQL write is synchronous, so little. CHANNELS.md
    /// documents no propagation delay for any channel; every default here is ours. Default 30 s; 0 to 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ShopifyPropagationDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a push to Amazon: its <c>ACCEPTED</c> is an acceptance, processed later (CHANNELS.md 2.8). Default 15 minutes; 0 to 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan AmazonPropagationDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>After a push to Walmart (its inventory PUT is applied asynchronously on its side). Default 5 minutes; 0 to 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan WalmartPropagationDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After a push to TikTok Shop. Default 2 minutes; 0 to 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan TikTokShopPropagationDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Repairs of one listing within <see cref="RepeatedWindow"/> that make it "drifting repeatedly" (drift-repeated alert to the inventory owner). Default 3; 2-100.</summary>
    [Range(2, 100)]
    public int RepeatedRepairs { get; set; } = 3;

    /// <summary>The window <see cref="RepeatedRepairs"/> counts in. Default 24 hours; 1 hour to 30 days.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan RepeatedWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Audit entries kept per listing, newest kept. Default 50; 5-500.</summary>
    [Range(5, 500)]
    public int MaxAuditEntries { get; set; } = 50;

    public TimeSpan PropagationDelay(SalesChannel channel) => channel switch
    {
        SalesChannel.Shopify => ShopifyPropagationDelay,
        SalesChannel.Amazon => AmazonPropagationDelay,
        SalesChannel.Walmart => WalmartPropagationDelay,
        _ => TikTokShopPropagationDelay,
    };
}
