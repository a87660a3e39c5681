using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>Section <c>Privacy</c>: where buyers' data exports are kept for the merchant to download.</summary>
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
}
