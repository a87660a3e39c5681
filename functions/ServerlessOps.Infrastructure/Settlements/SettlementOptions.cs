using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>
/// The daily settlement import, section <c>Settlements</c>. Base URLs, timeouts, retries and tokens are the channel API
/// clients' (<c>Channels</c>, <c>Brands:{brand}:Accounts</c>); Shopify's host and API version the backstop's.
/// </summary>
public sealed class SettlementOptions
{
    public const string SectionName = "Settlements";

    /// <summary>
    /// Whether the daily timer (<c>ImportSettlements</c>, 05:20 UTC) runs the import. Default true. The route
    /// <c>POST /api/brands/{brandId}/settlements/import</c> runs it either way.
    /// </summary>
    public bool TimerEnabled { get; set; } = true;

    /// <summary>
    /// How far back each run reads payouts (settlement periods), before now. Channels post late adjustments and close
    /// periods days after they start (Amazon groups run about 14 days), and a re-read changes nothing, so a wide window
    /// costs calls, not correctness. Default 21 days; 1 to 120 days.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "120.00:00:00")]
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(21);

    /// <summary>Attempts at writing one order's fees when other writers keep changing it (ETag conflicts). Default 5; 1-20.</summary>
    [Range(1, 20)]
    public int MaxWriteAttempts { get; set; } = 5;
}
