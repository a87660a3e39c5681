using System.Text.Json.Serialization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Whether one channel account's pushes are paused, who paused and resumed them (the audit, newest last, at most
/// <see cref="MaxAudit"/>), and the listings waiting for the resume. Container <c>inventoryLedger</c>, partition
/// <c>{brandId}#pushes</c> (a brand id has no '#', a SKU partition always has '|' right after the brand id), id
/// <c>control|{channel}|{accountId lower-case}</c>. ETag-guarded.
/// </summary>
public sealed record PushControlDocument
{
    public const string DocumentType = "pushControl";
    public const int MaxAudit = 50;

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required SalesChannel Channel { get; init; }

    public required string AccountId { get; init; }

    public bool Paused { get; init; }

    public IReadOnlyList<PushControlAuditEntry> Audit { get; init; } = [];

    /// <summary>Listings (sku, channel SKU) a worker found paused: the resume queues each once.</summary>
    public IReadOnlyList<ListingRef> Waiting { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId) => $"{brandId}#pushes";

    public static string IdFor(SalesChannel channel, string accountId) =>
        $"control|{channel.Slug()}|{CosmosIds.Encode(accountId.Trim().ToLowerInvariant())}";

    public static PushControlDocument New(string brandId, SalesChannel channel, string accountId) => new()
    {
        Id = IdFor(channel, accountId),
        Pk = PartitionKeyFor(brandId),
        BrandId = brandId,
        Channel = channel,
        AccountId = accountId,
    };
}

/// <summary>One pause or resume: what, who (the caller's name), when, and the reason given.</summary>
public sealed record PushControlAuditEntry(string Action, string By, DateTimeOffset At, string? Reason);

/// <summary>A listing by its SKU and channel SKU (the channel is the document's).</summary>
public sealed record ListingRef(string Sku, SalesChannel Channel, string ChannelSku);
