using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// <see cref="IReportArchive"/>: files in the <see cref="ReportsOptions.BlobContainer"/> blob container under
/// <c>{brandId}/{kind}/{period}/{version}/{file}</c>, the index in Cosmos container <c>reports</c> (<see cref="ReportDocument"/>).
/// Publishing writes every blob once (If-None-Match: *), then creates the entry once: the entry exists only when all its
/// blobs do, so a listing or "latest" never points at a half-written report, and a crash in between is repaired by
/// publishing again (the blobs already there are kept, the entry is then created). The version is the content hash
/// (<see cref="ReportVersion"/>), so the same files give the same blobs and the same entry, and new content a new
/// version beside the old one; an older version's content published again becomes the period's newest again.
/// </summary>
public sealed partial class ReportArchive : IReportArchive
{
    private readonly BlobContainerClient _container;
    private readonly CosmosDocuments<ReportDocument> _documents;
    private readonly TimeProvider _time;
    private readonly ILogger<ReportArchive> _logger;
    private int _containerReady;

    public ReportArchive(
        BlobServiceClient blobService,
        CosmosContainers containers,
        IOptions<CosmosOptions> cosmos,
        IOptions<ReportsOptions> options,
        TimeProvider time,
        ILogger<ReportArchive> logger)
    {
        ArgumentNullException.ThrowIfNull(blobService);
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(cosmos);
        ArgumentNullException.ThrowIfNull(options);
        _container = blobService.GetBlobContainerClient(options.Value.BlobContainer);
        _documents = new(containers.Reports, cosmos.Value.QueryPageSize, logger);
        _time = time;
        _logger = logger;
    }

    internal BlobContainerClient Container => _container;

    public async Task<ReportEntry> PublishAsync(ReportPublication publication, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var problems = ReportNames.Problems(publication).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Report {publication.BrandId}/{publication.Kind}/{publication.Period} cannot be published: {string.Join(" ", problems)}", nameof(publication));
        }

        var version = ReportVersion.Of(publication.Files);
        var id = ReportDocument.EntryId(publication.Kind, publication.Period, version);
        var partition = ReportDocument.EntriesPartition(publication.BrandId);
        if (await _documents.ReadAsync(partition, id, cancellationToken) is { } existing)
        {
            _logger.ReportAlreadyPublished(publication.BrandId, publication.Kind, publication.Period, version);
            return await MakeNewestAsync(existing.Document, existing.ETag, cancellationToken);
        }

        await EnsureContainerAsync(cancellationToken);
        var files = new List<ReportFile>(publication.Files.Count);
        foreach (var file in publication.Files)
        {
            var blobName = ReportNames.Blob(publication.BrandId, publication.Kind, publication.Period, version, file.Name);
            var sha = ReportVersion.Sha256(file.Content.Span);
            await WriteOnceAsync(blobName, file, sha, DownloadName(publication, file.Name), cancellationToken);
            files.Add(new ReportFile(file.Name, blobName, file.ContentType, file.Content.Length, sha));
        }

        var entry = new ReportEntry(publication.BrandId, publication.Kind, publication.Period, version, publication.Owner, files, publication.Summary, _time.GetUtcNow());
        try
        {
            await _documents.CreateAsync(ReportDocument.ForEntry(entry), partition, id, cancellationToken);
            _logger.ReportPublished(entry.BrandId, entry.Kind, entry.Period, entry.Version, files.Count);
            return entry;
        }
        catch (ConcurrencyConflictException)
        {
            // Another publisher of the same content indexed it between our read and our create: theirs is the entry.
            var winner = await _documents.ReadAsync(partition, id, cancellationToken)
                ?? throw new InvalidOperationException($"Report entry {id} of brand {publication.BrandId} conflicted on create but cannot be read.");
            return ToEntry(winner.Document);
        }
    }

    /// <summary>
    /// Content published again is its period's report again: when another version of the period was published since (A, then
    /// B, then A's content once more), the entry's sort key is stamped now, so the period's newest and "latest" are this
    /// content, not the one it replaced. Its <see cref="ReportEntry.WrittenAt"/> stays the first write's, as its blobs do:
    /// the month's first report time (<c>ReviewClosings</c>) must not move to the time of a later version. Publishing the
    /// period's newest again changes nothing. The ETag makes two such publishers one write.
    /// </summary>
    private async Task<ReportEntry> MakeNewestAsync(ReportDocument document, string etag, CancellationToken cancellationToken)
    {
        var entry = ToEntry(document);
        var newest = await GetAsync(entry.BrandId, entry.Kind, entry.Period, cancellationToken);
        if (newest is null || string.Equals(newest.Version, entry.Version, StringComparison.Ordinal))
        {
            return entry;
        }

        try
        {
            await _documents.ReplaceAsync(ReportDocument.ForEntry(entry, newestSince: _time.GetUtcNow()), document.Pk, document.Id, etag, cancellationToken);
            _logger.ReportMadeNewestAgain(entry.BrandId, entry.Kind, entry.Period, entry.Version, newest.Version);
            return entry;
        }
        catch (ConcurrencyConflictException)
        {
            // Another publisher of the same content stamped it between our read and our replace: theirs is the entry.
            var winner = await _documents.ReadAsync(document.Pk, document.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Report entry {document.Id} of brand {entry.BrandId} conflicted on replace but cannot be read.");
            return ToEntry(winner.Document);
        }
    }

    public async Task<IReadOnlyList<ReportEntry>> ListAsync(string brandId, ReportKind? kind = null, CancellationToken cancellationToken = default)
    {
        if (!BrandIds.IsValid(brandId))
        {
            return [];
        }

        var documents = kind is { } only
            ? await _documents.QueryAsync(ReportDocument.EntriesPartition(brandId), ReportDocument.EntryType, "c.kind = @kind", "c.sortKey DESC", [new("@kind", ReportNames.Kind(only))], cancellationToken)
            : await _documents.QueryAsync(ReportDocument.EntriesPartition(brandId), ReportDocument.EntryType, null, "c.sortKey DESC", [], cancellationToken);

        // Across kinds periods do not sort as one text (2026-W47 > 2026-11-30 > 2026-11): monthly first, then weekly, then daily.
        return [.. documents.Select(ToEntry).OrderBy(e => e.Kind)];
    }

    public async Task<ReportEntry?> GetAsync(string brandId, ReportKind kind, string period, CancellationToken cancellationToken = default)
    {
        if (!BrandIds.IsValid(brandId) || !ReportNames.IsPeriod(period))
        {
            return null;
        }

        var documents = await _documents.QueryAsync(
            ReportDocument.EntriesPartition(brandId), ReportDocument.EntryType, "c.kind = @kind AND c.period = @period", "c.sortKey DESC",
            [new("@kind", ReportNames.Kind(kind)), new("@period", period)], cancellationToken, top: 1);
        return documents.Count == 0 ? null : ToEntry(documents[0]);
    }

    /// <summary>One version of a period's report, by a point read; null when there is none.</summary>
    public async Task<ReportEntry?> GetVersionAsync(string brandId, ReportKind kind, string period, string version, CancellationToken cancellationToken = default)
    {
        if (!BrandIds.IsValid(brandId) || !ReportNames.IsPeriod(period) || string.IsNullOrWhiteSpace(version))
        {
            return null;
        }

        var read = await _documents.ReadAsync(ReportDocument.EntriesPartition(brandId), ReportDocument.EntryId(kind, period, version), cancellationToken);
        return read is { } found ? ToEntry(found.Document) : null;
    }

    public async Task<ReportEntry?> GetLatestAsync(string brandId, ReportKind kind, CancellationToken cancellationToken = default)
    {
        if (!BrandIds.IsValid(brandId))
        {
            return null;
        }

        var documents = await _documents.QueryAsync(
            ReportDocument.EntriesPartition(brandId), ReportDocument.EntryType, "c.kind = @kind", "c.sortKey DESC", [new("@kind", ReportNames.Kind(kind))], cancellationToken, top: 1);
        return documents.Count == 0 ? null : ToEntry(documents[0]);
    }

    public async Task<byte[]?> ReadFileAsync(ReportEntry entry, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var file = entry.Files.FirstOrDefault(f => string.Equals(f.Name, fileName, StringComparison.Ordinal));
        if (file is null)
        {
            return null;
        }

        return await StorageErrors.TranslateAsync(async () =>
        {
            try
            {
                var download = await _container.GetBlobClient(file.BlobName).DownloadContentAsync(cancellationToken);
                return download.Value.Content.ToArray();
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return (byte[]?)null;
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Writes the blob unless it exists. A 409 means an earlier attempt wrote it: the name holds the version, which is the
    /// hash of every file, and an upload is atomic, so what is there is these very bytes.
    /// </summary>
    private Task WriteOnceAsync(string blobName, ReportFileContent file, string sha256, string downloadName, CancellationToken cancellationToken) =>
        StorageErrors.TranslateAsync(async () =>
        {
            var options = new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders
                {
                    ContentType = file.ContentType,
                    ContentDisposition = $"attachment; filename=\"{downloadName}\"",
                },
                Metadata = new Dictionary<string, string> { ["sha256"] = sha256 },
            };
            try
            {
                await _container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(file.Content), options, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
            {
                _logger.ReportBlobAlreadyWritten(blobName);
            }
        }, cancellationToken);

    /// <summary>Private container, created on first use where nothing declared it (Bicep declares it in Azure).</summary>
    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _containerReady) == 1)
        {
            return;
        }

        await StorageErrors.TranslateAsync(() => _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken), cancellationToken);
        Volatile.Write(ref _containerReady, 1);
    }

    /// <summary>What a browser saves the file as: <c>acme-monthly-2026-11-review.xlsx</c>.</summary>
    private static string DownloadName(ReportPublication publication, string fileName) =>
        $"{publication.BrandId}-{ReportNames.Kind(publication.Kind)}-{publication.Period}-{fileName}";

    private static ReportEntry ToEntry(ReportDocument document)
    {
        document.EnsureReadable(ReportDocument.EntryType);
        return document.Entry ?? throw new InvalidOperationException($"Reports document '{document.Id}' has no entry.");
    }
}
