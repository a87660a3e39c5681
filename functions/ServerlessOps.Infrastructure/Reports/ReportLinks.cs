using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// Short-lived read-only links to one report file, and their audit. In Azure the app has no account key (shared keys
/// are off; it signs in with its managed identity), so a link is a user-delegation SAS: signed with a delegation key the
/// identity asks for, which its Storage Blob Data Owner role allows (that role, like Data Contributor, includes
/// <c>generateUserDelegationKey</c>; nothing else is granted for this). Locally the Azurite connection string carries the
/// account key, so the link is a service SAS signed with it. Either way: read only, this one blob, until the expiry.
/// Each link is recorded (who, when, which report and file, until when) before it is handed out; the SAS is not.
/// </summary>
public sealed class ReportLinks
{
    /// <summary>A delegation key valid from a little before now, so storage whose clock runs behind still accepts it.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly BlobServiceClient _blobService;
    private readonly BlobContainerClient _container;
    private readonly CosmosDocuments<ReportDocument> _documents;
    private readonly ReportsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ReportLinks> _logger;

    public ReportLinks(
        BlobServiceClient blobService,
        CosmosContainers containers,
        IOptions<CosmosOptions> cosmos,
        IOptions<ReportsOptions> options,
        TimeProvider time,
        ILogger<ReportLinks> logger)
    {
        ArgumentNullException.ThrowIfNull(blobService);
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(cosmos);
        ArgumentNullException.ThrowIfNull(options);
        _blobService = blobService;
        _options = options.Value;
        _container = blobService.GetBlobContainerClient(_options.BlobContainer);
        _documents = new(containers.Reports, cosmos.Value.QueryPageSize, logger);
        _time = time;
        _logger = logger;
    }

    /// <summary>Lifetime when the caller asks for none.</summary>
    public TimeSpan DefaultLifetime => _options.LinkLifetime;

    /// <summary>The longest lifetime a caller may ask for.</summary>
    public TimeSpan MaxLifetime => _options.MaxLinkLifetime;

    /// <summary>
    /// A read-only link to <paramref name="fileName"/> of <paramref name="entry"/>, recorded for <paramref name="actor"/>;
    /// null when the entry has no such file. <paramref name="lifetime"/> null = <see cref="DefaultLifetime"/>; it must lie
    /// within 1 second and <see cref="MaxLifetime"/>.
    /// </summary>
    public async Task<ReportLink?> IssueAsync(ReportEntry entry, string fileName, TimeSpan? lifetime, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var life = lifetime ?? _options.LinkLifetime;
        if (life < TimeSpan.FromSeconds(1) || life > _options.MaxLinkLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), life, $"A link lives between 1 second and {_options.MaxLinkLifetime} (Reports:MaxLinkLifetime).");
        }

        var file = entry.Files.FirstOrDefault(f => string.Equals(f.Name, fileName, StringComparison.Ordinal));
        if (file is null)
        {
            return null;
        }

        var issuedAt = _time.GetUtcNow();

        // Whole seconds: a SAS carries its expiry to the second, and the audit should say what the link says.
        var expiresAt = issuedAt.AddTicks(-(issuedAt.Ticks % TimeSpan.TicksPerSecond)) + life;
        var blob = _container.GetBlobClient(file.BlobName);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresAt)
        {
            BlobContainerName = _container.Name,
            BlobName = file.BlobName,
            Resource = "b",
            Protocol = string.Equals(blob.Uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        var (url, signedWith) = await SignAsync(blob, sas, issuedAt, expiresAt, cancellationToken);

        var record = new ReportLinkRecord(
            $"{ReportDocument.SortableUtc(issuedAt).Replace(":", string.Empty, StringComparison.Ordinal)}-{Guid.NewGuid():N}",
            entry.BrandId, entry.Kind, entry.Period, entry.Version, file.Name, actor, issuedAt, expiresAt, signedWith);

        // Recorded before it is handed out: if the record cannot be written, the caller gets an error and no link.
        await _documents.CreateAsync(ReportDocument.ForLink(record), ReportDocument.LinksPartition(record.BrandId), record.Id, cancellationToken);
        _logger.ReportLinkIssued(record.Id, record.BrandId, record.Kind, record.Period, record.Version, record.File, actor, expiresAt, signedWith);
        return new ReportLink(url, expiresAt, record);
    }

    /// <summary>
    /// One page of the links handed out for a brand's reports, newest first. Sorted by <c>at</c> (the issue time as sortable
    /// UTC text, written once with the record and never changed), ties by id (<c>{time}-{guid}</c>), descending.
    /// </summary>
    public async Task<Page<ReportLinkRecord>> ListIssuedAsync(string brandId, PageRequest page, CancellationToken cancellationToken = default)
    {
        if (!BrandIds.IsValid(brandId))
        {
            return new Page<ReportLinkRecord>([], null);
        }

        var documents = await KeysetPageQuery.ReadAsync(
            _documents, ReportDocument.LinksPartition(brandId), ReportDocument.LinkType, null, [], "c.at", d => d.At!, d => d.Id, page, cancellationToken);
        return new Page<ReportLinkRecord>([.. documents.Items.Select(d =>
        {
            d.EnsureReadable(ReportDocument.LinkType);
            return d.Link ?? throw new InvalidOperationException($"Reports document '{d.Id}' has no link record.");
        })], documents.Next);
    }

    /// <summary>
    /// The signed URL, and how it was signed: with the account key when the client holds one (Azurite's connection
    /// string), else with a user delegation key for the app's identity.
    /// </summary>
    private async Task<(Uri Url, string SignedWith)> SignAsync(BlobClient blob, BlobSasBuilder sas, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (blob.CanGenerateSasUri)
        {
            return (blob.GenerateSasUri(sas), "account key (service SAS)");
        }

        var key = await StorageErrors.TranslateAsync(() => _blobService.GetUserDelegationKeyAsync(now - ClockSkew, expiresAt, cancellationToken), cancellationToken);
        var uri = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, _blobService.AccountName) };
        return (uri.ToUri(), "user delegation key");
    }
}
