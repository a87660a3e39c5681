using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>Section <c>Reports</c>: where report files are kept, how long a download link lives, and how far the report timers catch up.</summary>
public sealed class ReportsOptions : IValidatableObject
{
    public const string SectionName = "Reports";

    /// <summary>
    /// Blob container of report files (private; Bicep declares it in Azure, the archive creates it on first use locally).
    /// Default <c>reports</c>; 3-63 lower-case letters, digits and dashes (Azure Storage's container rule).
    /// </summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string BlobContainer { get; set; } = "reports";

    /// <summary>Lifetime of a download link when the caller asks for none. Default 15 minutes; 1 second to 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest lifetime a caller may ask for. Default 1 hour; 1 second to 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxLinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many days before yesterday the daily report timer looks back for a daily report never written (every hourly
    /// attempt of its day failed: the store was down, a bug was fixed later), writing them oldest first and never for a
    /// day before the brand's go-live; so a run writes at most this many per brand besides yesterday's. Default 3; 0 (no
    /// catch-up) to 31.
    /// </summary>
    [Range(0, 31, ErrorMessage = "Reports:CatchUpDays must be {1} (no catch-up) to {2} days.")]
    public int CatchUpDays { get; set; } = 3;

    /// <summary>
    /// How many weeks before last week the weekly report timer looks back for a weekly report never written (every hourly
    /// attempt of its week failed: an outage across the week's run window, a deployment gap), writing them oldest first and
    /// never for a week that ended before the brand's go-live; so a run writes at most this many per brand besides last
    /// week's. Default 2; 0 (no catch-up) to 8, about two months, since each late week reads a week of orders.
    /// </summary>
    [Range(0, 8, ErrorMessage = "Reports:CatchUpWeeks must be {1} (no catch-up) to {2} weeks.")]
    public int CatchUpWeeks { get; set; } = 2;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LinkLifetime > MaxLinkLifetime)
        {
            yield return new ValidationResult(
                $"Reports:LinkLifetime ({LinkLifetime}) is longer than Reports:MaxLinkLifetime ({MaxLinkLifetime}).", [nameof(LinkLifetime), nameof(MaxLinkLifetime)]);
        }
    }
}
