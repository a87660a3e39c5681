using System.Globalization;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// Every document of container <c>registry</c>, told apart by <see cref="Type"/>. Layout (README.md in this folder):
/// brands and channel accounts share partition <c>directory</c>, so the edge's cache loads the whole registry with
/// single-partition queries and every admin read is a point read there; each brand's audit trail is its own
/// partition <c>audit:{brandId}</c>, listed with one single-partition query.
/// </summary>
public sealed class RegistryDocument
{
    public const string DirectoryPartition = "directory";
    public const string BrandType = "brand";
    public const string AccountType = "channelAccount";
    public const string AuditType = "registryAudit";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string Type { get; init; }

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string BrandId { get; init; }

    /// <summary>On a brand document.</summary>
    public Brand? Brand { get; init; }

    /// <summary>On a channel account document.</summary>
    public ChannelConnection? Account { get; init; }

    /// <summary>
    /// On an audit document, its entry. On a brand or account document, the change that wrote this version: the audit
    /// entry is appended after the write, and re-appended from here (same id) by whoever sees it missing.
    /// </summary>
    public RegistryAuditEntry? Change { get; init; }

    /// <summary>Audit documents: <see cref="RegistryAuditEntry.At"/> in sortable UTC, for newest-first listing.</summary>
    public string? At { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string BrandDocumentId(string brandId) => "brand:" + brandId;

    /// <summary>Channel slug and the account id lower-cased, so one account cannot be registered twice in two cases.</summary>
    public static string AccountDocumentId(SalesChannel channel, string accountId) =>
        CosmosIds.Encode($"account:{channel.Slug()}:{accountId.Trim().ToLowerInvariant()}");

    public static string AuditPartition(string brandId) => "audit:" + brandId;

    public static string SortableUtc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static RegistryDocument ForBrand(Brand brand, RegistryAuditEntry change) => new()
    {
        Id = BrandDocumentId(brand.Id),
        Pk = DirectoryPartition,
        Type = BrandType,
        BrandId = brand.Id,
        Brand = brand,
        Change = change,
    };

    public static RegistryDocument ForAccount(ChannelConnection account, RegistryAuditEntry change) => new()
    {
        Id = AccountDocumentId(account.Account.Channel, account.Account.AccountId),
        Pk = DirectoryPartition,
        Type = AccountType,
        BrandId = account.Account.BrandId,
        Account = account,
        Change = change,
    };

    public static RegistryDocument ForAudit(RegistryAuditEntry entry) => new()
    {
        Id = entry.Id,
        Pk = AuditPartition(entry.BrandId),
        Type = AuditType,
        BrandId = entry.BrandId,
        Change = entry,
        At = SortableUtc(entry.At),
    };

    /// <summary>Throws unless this build can read the document (<see cref="CurrentSchemaVersion"/>) and it is of <paramref name="type"/>.</summary>
    public void EnsureReadable(string type)
    {
        if (!string.Equals(Type, type, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Registry document '{Id}' has type '{Type}', expected '{type}'.");
        }

        if (SchemaVersion < 1 || SchemaVersion > CurrentSchemaVersion)
        {
            throw new InvalidOperationException(
                $"Registry document '{Id}' has schemaVersion {SchemaVersion}; this build reads 1-{CurrentSchemaVersion}. A newer release wrote it: deploy that release, do not overwrite it with this one.");
        }
    }
}
