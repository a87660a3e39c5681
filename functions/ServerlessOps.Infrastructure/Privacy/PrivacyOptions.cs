using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>Section <c>Privacy</c>: where buyers' data exports are kept for the merchant to download, and when an unfinished request is raised.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// Blob container of data-request exports (private; created when first needed). Default <c>privacy-exports</c>;
    /// 3-63 lower-case letters, digits and dashes (Azure Storage's container rule).
    /// </summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string ExportContainer { get; set; } = "privacy-exports";

    /// <summary>
    /// How long after its receipt a privacy request may stay uncompleted before <c>FindStuckPrivacyRequests</c> (hourly)
    /// raises it to the brand's data owner: a request normally completes within minutes, so one older than this is failing,
    /// and the alert must leave time to fix it within the channel's 30 days (<c>PrivacyDeadlines</c>). Default 24 hours;
    /// 1 hour to 20 days.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "20.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromHours(24);
}
