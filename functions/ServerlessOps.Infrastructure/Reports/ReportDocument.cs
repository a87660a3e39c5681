using System.Globalization;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// Every document of container <c>reports</c>, told apart by <see cref="Type"/>. The index lives in Cosmos rather than in
/// blob index tags because every read the API makes is then a point read or a query inside one brand's partition (blob
/// tag queries span the account and are eventually consistent, so a report just published could be missing from
/// "latest"), and because the app keeps all its other indexes there with the same ETag and conflict handling.
/// <list type="bullet">
/// <item>report entries: partition <c>entries:{brandId}</c>, id <c>{kind}:{period}:{version}</c>, created once, only after all
/// the entry's blobs are written, so whatever the index lists is complete;</item>
/// <item>download-link audit: partition <c>links:{brandId}</c>, id <c>{sortable time}-{guid}</c>; it only grows, so it has
/// its own partition (as the registry's audit does).</item>
/// </list>
/// </summary>
public sealed class ReportDocument
{
    public const string EntryType = "reportEntry";
    public const string LinkType = "reportLink";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string Type { get; init; }

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string BrandId { get; init; }

    /// <summary>Report entries: lower-case kind, for filtering.</summary>
    public string? Kind { get; init; }

    /// <summary>Report entries: the period, for filtering.</summary>
    public string? Period { get; init; }

    /// <summary>
    /// Report entries: <c>{period}|{writtenAt sortable UTC}</c>, or the time the version was made its period's newest again
    /// when its content was published again (<see cref="ForEntry"/>). Within a kind, periods sort as text (2026-11, 2026-W47,
    /// 2026-11-30), so one descending ORDER BY on this gives newest period, then newest version: no composite index.
    /// </summary>
    public string? SortKey { get; init; }

    public ReportEntry? Entry { get; init; }

    public ReportLinkRecord? Link { get; init; }

    /// <summary>Link records: <see cref="ReportLinkRecord.IssuedAt"/> in sortable UTC, for newest-first listing.</summary>
    public string? At { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string EntriesPartition(string brandId) => "entries:" + brandId;

    public static string LinksPartition(string brandId) => "links:" + brandId;

    public static string EntryId(ReportKind kind, string period, string version) => $"{ReportNames.Kind(kind)}:{period}:{version}";

    public static string SortableUtc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The entry's document; <paramref name="newestSince"/> (a republished version made its period's newest again) sorts it
    /// by that time while <see cref="ReportEntry.WrittenAt"/> keeps its first write.
    /// </summary>
    public static ReportDocument ForEntry(ReportEntry entry, DateTimeOffset? newestSince = null) => new()
    {
        Id = EntryId(entry.Kind, entry.Period, entry.Version),
        Pk = EntriesPartition(entry.BrandId),
        Type = EntryType,
        BrandId = entry.BrandId,
        Kind = ReportNames.Kind(entry.Kind),
        Period = entry.Period,
        SortKey = $"{entry.Period}|{SortableUtc(newestSince ?? entry.WrittenAt)}",
        Entry = entry,
    };

    public static ReportDocument ForLink(ReportLinkRecord link) => new()
    {
        Id = link.Id,
        Pk = LinksPartition(link.BrandId),
        Type = LinkType,
        BrandId = link.BrandId,
        Link = link,
        At = SortableUtc(link.IssuedAt),
    };

    /// <summary>Throws unless this build can read the document (<see cref="CurrentSchemaVersion"/>) and it is of <paramref name="type"/>.</summary>
    public void EnsureReadable(string type)
    {
        if (!string.Equals(Type, type, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Reports document '{Id}' has type '{Type}', expected '{type}'.");
        }

        if (SchemaVersion < 1 || SchemaVersion > CurrentSchemaVersion)
        {
            throw new InvalidOperationException(
                $"Reports document '{Id}' has schemaVersion {SchemaVersion}; this build reads 1-{CurrentSchemaVersion}. A newer release wrote it: deploy that release.");
        }
    }
}
