using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Catalog;

/// <summary>Catalog imports, section <c>Catalog</c>. Every property has a default.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>
    /// Largest import file accepted, in bytes; a larger body is refused with 413 before it is read to the end.
    /// Default 8 MiB (about 50,000 catalog rows); 1 KiB to 100 MiB (the Functions host's own request limit).
    /// </summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxImportBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Errors listed in a rejected file's 422 answer (the total is always given). Default 100; 1-1000.</summary>
    [Range(1, 1000)]
    public int MaxReportedErrors { get; set; } = 100;

    /// <summary>Cosmos (and ledger) writes an import keeps in flight at once. Default 8; 1-64.</summary>
    [Range(1, 64)]
    public int ImportConcurrency { get; set; } = 8;

    /// <summary>
    /// Seconds the order path keeps a catalog document it read (<see cref="CatalogReadCache"/>): how long another
    /// instance may go on using an item, a listing lookup, costs or fees after an import changed them (this instance
    /// forgets at once). Default 30; 0 reads Cosmos every time; at most 3600.
    /// </summary>
    [Range(0, 3600)]
    public int ReadCacheSeconds { get; set; } = 30;

    /// <summary>
    /// Catalog documents kept at most, the least recently used going first: a lookup, costs or fees is a few hundred
    /// bytes, an item with its listings 1-2 KB, so the default keeps at most about 100 MB. Default 100,000; 100 to 10,000,000.
    /// </summary>
    [Range(100, 10_000_000)]
    public int ReadCacheDocuments { get; set; } = 100_000;

    /// <summary>
    /// How long an import may stay Applying before <c>FindStuckImports</c> (hourly) alerts the brand's data owner: longer
    /// than the biggest file takes to write, so only one cut off midway is raised. Default 30 minutes; 5 minutes to 7 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan ImportStuckAfter { get; set; } = TimeSpan.FromMinutes(30);
}
