using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Paging;

namespace ServerlessOps.Domain.Brands;

/// <summary>
/// The brand registry, the truth about brands and their channel accounts. Every write is validated, ETag-guarded
/// (a create meets an existing entry, or a replace meets a newer version: <see cref="ConcurrencyConflictException"/>)
/// and audited with one <see cref="RegistryAuditEntry"/> per change. Reads return the stored version with its ETag.
/// Secret values are not here: entries hold <see cref="SecretReference"/>s.
/// </summary>
public interface IBrandRegistry
{
    Task<Versioned<Brand>?> GetBrandAsync(string brandId, CancellationToken cancellationToken = default);

    /// <summary>Every brand, ordered by id.</summary>
    Task<IReadOnlyList<Versioned<Brand>>> ListBrandsAsync(CancellationToken cancellationToken = default);

    /// <exception cref="RegistryValidationException">The brand is invalid.</exception>
    /// <exception cref="ConcurrencyConflictException">A brand with this id exists.</exception>
    Task<Versioned<Brand>> CreateBrandAsync(Brand brand, RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>Replaces <paramref name="current"/> (as read, with its ETag) by <paramref name="updated"/>.</summary>
    /// <exception cref="RegistryValidationException">The new version is invalid.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone wrote the brand since <paramref name="current"/> was read.</exception>
    Task<Versioned<Brand>> ReplaceBrandAsync(Versioned<Brand> current, Brand updated, RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>The account with this channel and account id (compared case-insensitively), whichever brand owns it.</summary>
    Task<Versioned<ChannelConnection>?> GetAccountAsync(SalesChannel channel, string accountId, CancellationToken cancellationToken = default);

    /// <summary>Every channel account of every brand (a deployment has hundreds): one single-partition read.</summary>
    Task<IReadOnlyList<Versioned<ChannelConnection>>> ListAccountsAsync(CancellationToken cancellationToken = default);

    /// <exception cref="RegistryValidationException">The account is invalid, or its brand does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The account exists (under this or another brand).</exception>
    Task<Versioned<ChannelConnection>> CreateAccountAsync(ChannelConnection account, RegistryChange change, CancellationToken cancellationToken = default);

    /// <exception cref="RegistryValidationException">The new version is invalid or moves the account to another brand.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone wrote the account since <paramref name="current"/> was read.</exception>
    Task<Versioned<ChannelConnection>> ReplaceAccountAsync(Versioned<ChannelConnection> current, ChannelConnection updated, RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>The brand's audit trail (brand and account changes), newest first.</summary>
    Task<IReadOnlyList<RegistryAuditEntry>> ListAuditAsync(string brandId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the brand's audit trail, newest first (ties on the time by entry id, descending): what the API lists,
    /// since the trail keeps every change forever.
    /// </summary>
    Task<Page<RegistryAuditEntry>> ListAuditPageAsync(string brandId, PageRequest page, CancellationToken cancellationToken = default);
}
