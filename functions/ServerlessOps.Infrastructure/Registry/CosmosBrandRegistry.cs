using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// <see cref="IBrandRegistry"/> on container <c>registry</c> (<see cref="RegistryDocument"/> for the layout). A write
/// is one conditional Cosmos write (create, or replace with the ETag read), carrying its audit entry in the document;
/// the entry is then appended to the brand's audit partition under the same id. Without transactional batches
/// (the local emulator has none) that append can fail after the write: the change feed reader then appends it from
/// the document (<see cref="EnsureAuditedAsync"/>), so no change goes unaudited.
/// </summary>
public sealed class CosmosBrandRegistry : IBrandRegistry
{
    private readonly CosmosDocuments<RegistryDocument> _documents;
    private readonly RegistryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CosmosBrandRegistry> _logger;

    public CosmosBrandRegistry(
        CosmosContainers containers,
        IOptions<CosmosOptions> cosmos,
        IOptions<RegistryOptions> options,
        TimeProvider time,
        ILogger<CosmosBrandRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(cosmos);
        ArgumentNullException.ThrowIfNull(options);
        _documents = new(containers.Registry, cosmos.Value.QueryPageSize, logger);
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<Versioned<Brand>?> GetBrandAsync(string brandId, CancellationToken cancellationToken = default)
    {
        if (!BrandIds.IsValid(brandId))
        {
            return null;
        }

        var read = await _documents.ReadAsync(RegistryDocument.DirectoryPartition, RegistryDocument.BrandDocumentId(brandId), cancellationToken);
        return read is { } found ? ToBrand(found.Document, found.ETag) : null;
    }

    public async Task<IReadOnlyList<Versioned<Brand>>> ListBrandsAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListDirectoryAsync(RegistryDocument.BrandType, cancellationToken)).Select(d => ToBrand(d, d.ETag!))];

    public async Task<Versioned<Brand>> CreateBrandAsync(Brand brand, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(brand);
        ArgumentNullException.ThrowIfNull(change);
        RegistryValidationException.ThrowIfAny(brand.Validate());
        var entry = Entry(brand.Id, "brand", change, RegistryDiff.Between(null, brand));
        var etag = await _documents.CreateAsync(RegistryDocument.ForBrand(brand, entry), RegistryDocument.DirectoryPartition, RegistryDocument.BrandDocumentId(brand.Id), cancellationToken);
        await AppendAuditAsync(entry, cancellationToken);
        return new Versioned<Brand>(brand, etag);
    }

    public async Task<Versioned<Brand>> ReplaceBrandAsync(Versioned<Brand> current, Brand updated, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(change);
        if (!string.Equals(current.Value.Id, updated.Id, StringComparison.Ordinal))
        {
            throw new RegistryValidationException([new FieldError("id", $"A brand keeps its id: '{current.Value.Id}' cannot become '{updated.Id}'.")]);
        }

        RegistryValidationException.ThrowIfAny(updated.Validate());
        var changes = RegistryDiff.Between(current.Value, updated);
        if (changes.Count == 0)
        {
            return current;
        }

        var entry = Entry(updated.Id, "brand", change, changes);
        var etag = await _documents.ReplaceAsync(
            RegistryDocument.ForBrand(updated, entry), RegistryDocument.DirectoryPartition, RegistryDocument.BrandDocumentId(updated.Id), current.ETag, cancellationToken);
        await AppendAuditAsync(entry, cancellationToken);
        return new Versioned<Brand>(updated, etag);
    }

    public async Task<Versioned<ChannelConnection>?> GetAccountAsync(SalesChannel channel, string accountId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(accountId) || !Enum.IsDefined(channel))
        {
            return null;
        }

        var read = await _documents.ReadAsync(RegistryDocument.DirectoryPartition, RegistryDocument.AccountDocumentId(channel, accountId), cancellationToken);
        return read is { } found ? ToAccount(found.Document, found.ETag) : null;
    }

    public async Task<IReadOnlyList<Versioned<ChannelConnection>>> ListAccountsAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListDirectoryAsync(RegistryDocument.AccountType, cancellationToken)).Select(d => ToAccount(d, d.ETag!))];

    public async Task<Versioned<ChannelConnection>> CreateAccountAsync(ChannelConnection account, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(change);
        RegistryValidationException.ThrowIfAny(account.Validate(_options.AllowLocalSecrets));
        if (await GetBrandAsync(account.Account.BrandId, cancellationToken) is null)
        {
            throw new RegistryValidationException([new FieldError("brandId", $"Brand '{account.Account.BrandId}' is not in the registry; create it first.")]);
        }

        var entry = Entry(account.Account.BrandId, Subject(account), change, RegistryDiff.Between(null, account));
        var id = RegistryDocument.AccountDocumentId(account.Account.Channel, account.Account.AccountId);
        var etag = await _documents.CreateAsync(RegistryDocument.ForAccount(account, entry), RegistryDocument.DirectoryPartition, id, cancellationToken);
        await AppendAuditAsync(entry, cancellationToken);
        return new Versioned<ChannelConnection>(account, etag);
    }

    public async Task<Versioned<ChannelConnection>> ReplaceAccountAsync(
        Versioned<ChannelConnection> current, ChannelConnection updated, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(change);
        var before = current.Value.Account;
        if (!string.Equals(before.BrandId, updated.Account.BrandId, StringComparison.Ordinal) || before.Channel != updated.Account.Channel
            || !string.Equals(before.AccountId, updated.Account.AccountId, StringComparison.OrdinalIgnoreCase))
        {
            throw new RegistryValidationException([new FieldError("account", $"{before.Channel} account '{before.AccountId}' belongs to brand '{before.BrandId}'; an account keeps its brand, channel and id.")]);
        }

        RegistryValidationException.ThrowIfAny(updated.Validate(_options.AllowLocalSecrets));
        var changes = RegistryDiff.Between(current.Value, updated);
        if (changes.Count == 0)
        {
            return current;
        }

        var entry = Entry(updated.Account.BrandId, Subject(updated), change, changes);
        var id = RegistryDocument.AccountDocumentId(updated.Account.Channel, updated.Account.AccountId);
        var etag = await _documents.ReplaceAsync(RegistryDocument.ForAccount(updated, entry), RegistryDocument.DirectoryPartition, id, current.ETag, cancellationToken);
        await AppendAuditAsync(entry, cancellationToken);
        return new Versioned<ChannelConnection>(updated, etag);
    }

    public async Task<IReadOnlyList<RegistryAuditEntry>> ListAuditAsync(string brandId, CancellationToken cancellationToken = default)
    {
        if (!BrandIds.IsValid(brandId))
        {
            return [];
        }

        var documents = await _documents.QueryAsync(RegistryDocument.AuditPartition(brandId), RegistryDocument.AuditType, null, "c.at DESC", [], cancellationToken);
        return [.. documents.Select(d =>
        {
            d.EnsureReadable(RegistryDocument.AuditType);
            return d.Change!;
        })];
    }

    public async Task<Page<RegistryAuditEntry>> ListAuditPageAsync(string brandId, PageRequest page, CancellationToken cancellationToken = default)
    {
        if (!BrandIds.IsValid(brandId))
        {
            return new Page<RegistryAuditEntry>([], null);
        }

        // Sorted by at, the entry's time as sortable UTC text: written once with the entry (audit documents are only ever
        // created), so a page boundary never moves; entries of the same instant follow by id ({time}-{guid}).
        var documents = await KeysetPageQuery.ReadAsync(
            _documents, RegistryDocument.AuditPartition(brandId), RegistryDocument.AuditType, null, [], "c.at", d => d.At!, d => d.Id, page, cancellationToken);
        return new Page<RegistryAuditEntry>([.. documents.Items.Select(d =>
        {
            d.EnsureReadable(RegistryDocument.AuditType);
            return d.Change!;
        })], documents.Next);
    }

    /// <summary>Both kinds of directory document with their ETags: what the edge's cache is built from.</summary>
    internal async Task<(IReadOnlyList<RegistryDocument> Brands, IReadOnlyList<RegistryDocument> Accounts)> LoadDirectoryAsync(CancellationToken cancellationToken)
    {
        var brands = ListDirectoryAsync(RegistryDocument.BrandType, cancellationToken);
        var accounts = ListDirectoryAsync(RegistryDocument.AccountType, cancellationToken);
        return (await brands, await accounts);
    }

    /// <summary>Appends <paramref name="entry"/> unless it is there already (same id): the repair path of a failed append.</summary>
    internal async Task EnsureAuditedAsync(RegistryAuditEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await _documents.CreateAsync(RegistryDocument.ForAudit(entry), RegistryDocument.AuditPartition(entry.BrandId), entry.Id, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Appended already: by the writer itself, or by another instance's repair.
        }
    }

    private async Task<IReadOnlyList<RegistryDocument>> ListDirectoryAsync(string type, CancellationToken cancellationToken)
    {
        var documents = await _documents.QueryAsync(RegistryDocument.DirectoryPartition, type, null, "c.id", [], cancellationToken);
        foreach (var document in documents)
        {
            document.EnsureReadable(type);
        }

        return documents;
    }

    private async Task AppendAuditAsync(RegistryAuditEntry entry, CancellationToken cancellationToken)
    {
        _logger.RegistryChanged(entry.BrandId, entry.Subject, entry.Action, entry.Actor, entry.Changes.Count);
        try
        {
            await EnsureAuditedAsync(entry, cancellationToken);
        }
        catch (Exception e) when (e is StoreUnavailableException or InvalidOperationException)
        {
            // The change is written and carries the entry; the change feed reader appends it (EnsureAuditedAsync).
            _logger.AuditAppendFailed(entry.Id, entry.BrandId, e);
        }
    }

    private RegistryAuditEntry Entry(string brandId, string subject, RegistryChange change, IReadOnlyList<FieldChange> changes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(change.Actor);
        var at = _time.GetUtcNow();
        var id = $"{RegistryDocument.SortableUtc(at).Replace(":", string.Empty, StringComparison.Ordinal)}-{Guid.NewGuid():N}";
        return new RegistryAuditEntry(id, brandId, at, change.Actor, subject, change.Action, changes);
    }

    private static string Subject(ChannelConnection account) => $"account {account.Account.Channel.Slug()}:{account.Account.AccountId}";

    private static Versioned<Brand> ToBrand(RegistryDocument document, string etag)
    {
        document.EnsureReadable(RegistryDocument.BrandType);
        return new Versioned<Brand>(document.Brand ?? throw new InvalidOperationException($"Registry document '{document.Id}' has no brand."), etag);
    }

    private static Versioned<ChannelConnection> ToAccount(RegistryDocument document, string etag)
    {
        document.EnsureReadable(RegistryDocument.AccountType);
        return new Versioned<ChannelConnection>(document.Account ?? throw new InvalidOperationException($"Registry document '{document.Id}' has no account."), etag);
    }
}
