using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Review.Import;

/// <summary>The review's history imports (orders, ad spend, stock snapshots, targets, rates), section <c>ReviewImport</c>.</summary>
public sealed class ReviewImportOptions
{
    public const string SectionName = "ReviewImport";

    /// <summary>
    /// Largest history file accepted, in bytes; a larger body is refused with 413 before it is read to the end. Default
    /// 100 MiB, the Functions host's own request limit on Consumption and Flex plans (about 300,000 order lines in JSON
    /// Lines); 1 KiB to 1 GiB where the host allows larger bodies. The body is held in memory while it is imported.
    /// </summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public int MaxImportBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Orders (or rows) written at once: the most that sit in memory during the writes. Default 16; 1-128.</summary>
    [Range(1, 128)]
    public int ImportConcurrency { get; set; } = 16;
}
