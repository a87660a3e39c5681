using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Review.Operations;

/// <summary>Section <c>MonthlyReview</c>: when the loop runs and where its work goes.</summary>
public sealed class MonthlyReviewOptions
{
    public const string SectionName = "MonthlyReview";

    /// <summary>
    /// Blob container of the reviews' work (partial facts, findings, roadmap, the P&amp;L trace and each brand's alert
    /// rules); private, created when first needed. Default <c>review-work</c>; Azure Storage's container rule.
    /// </summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string WorkContainer { get; set; } = "review-work";

    /// <summary>The brand's local hour on the 1st after which the closed month's review starts. Default 6; 0 to 23.</summary>
    [Range(0, 23)]
    public int StartHour { get; set; } = 6;

    /// <summary>The day of the month by which the last closed month's review must be complete, or the finance owner is alerted. Default 5; 1 to 28.</summary>
    [Range(1, 28)]
    public int CompleteByDay { get; set; } = 5;

    /// <summary>The brand's local hour after which yesterday's daily report (and on Mondays last week's) is written, once that UTC day has ended too (the backstop's counts are kept by UTC day). Default 6; 0 to 23.</summary>
    [Range(0, 23)]
    public int ReportHour { get; set; } = 6;

    /// <summary>Whether the hourly tick, the watchdog and the daily and weekly reports run on their timers; false leaves them to the routes. Default true.</summary>
    public bool TimersEnabled { get; set; } = true;
}
