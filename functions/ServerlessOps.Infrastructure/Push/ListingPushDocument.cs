using System.Text.Json.Serialization;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// The push state of one channel listing, in container <c>inventoryLedger</c> beside the SKU's balances: id
/// <c>push|{channel}|{channelSku}</c> (escaped), partition <c>{brandId}|{sku}</c>. Every write carries the ETag read:
/// marking dirty, a worker's claim and its finish are serialised here (README.md has the state table).
/// </summary>
public sealed record ListingPushDocument
{
    public const string DocumentType = "listingPush";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    /// <summary><c>{brandId}|{sku}</c>, the ledger's partition of the SKU.</summary>
    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Sku { get; init; }

    public required SalesChannel Channel { get; init; }

    public required string ChannelSku { get; init; }

    /// <summary>The ledger location the listing's stock is at (from the catalog when it was last marked).</summary>
    public required string Location { get; init; }

    /// <summary>
    /// The listing (ids, stock location) as the last catalog import that added or changed it wrote it, set by that import's
    /// mark. Another instance may cache the item as it was for <c>Catalog:ReadCacheSeconds</c>: a worker whose cached
    /// listing differs from this one reads the item again before it computes, rather than push the old location's
    /// quantity to the old ids. Null on documents from before and on listings no import has changed.
    /// </summary>
    public ChannelListing? CatalogListing { get; init; }

    /// <summary>A ledger change since the last push started: the listing needs a push.</summary>
    public bool Dirty { get; init; }

    /// <summary>When the listing went from clean to dirty: the start of the latency a push measures.</summary>
    public DateTimeOffset? DirtySince { get; init; }

    /// <summary>When a push message was last queued for it (a change long dirty with no push queues again).</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>
    /// No worker claims the listing before this instant (a message arriving earlier is queued again for it, or waits
    /// when early only by the clocks' tolerance). Set by whoever queues the coalesced push, to when its message becomes
    /// visible: until then the listing is sure to stay dirty, which lets a marker skip reading it
    /// (<see cref="MarkedListings"/>). Null on documents from before.
    /// </summary>
    public DateTimeOffset? ClaimableFrom { get; init; }

    /// <summary>Set while a worker pushes it (its claim); a change meanwhile sets <see cref="Dirty"/> again.</summary>
    public DateTimeOffset? PushingSince { get; init; }

    /// <summary>The quantity last accepted by the channel, and when; null before the first push.</summary>
    public int? LastPushedQuantity { get; init; }

    public DateTimeOffset? LastPushedAt { get; init; }

    /// <summary>The computed quantity when it was last decided, with its explanation.</summary>
    public int? LastComputedQuantity { get; init; }

    public string? LastWhy { get; init; }

    /// <summary>
    /// The ledger's available (on hand − reserved) that decision read: the drift check tells a change never pushed (the
    /// available moved since) from a buffer that moved with time alone. Null on documents from before 2026-12-07.
    /// </summary>
    public int? LastAvailable { get; init; }

    /// <summary>Smoothed time from a listing going dirty to the channel accepting the push, in milliseconds.</summary>
    public double? LatencyMilliseconds { get; init; }

    /// <summary>Pushes that reached the channel, and decisions that found nothing to change.</summary>
    public int Pushes { get; init; }

    public int Unchanged { get; init; }

    /// <summary>Failures in a row (reset by a success) and the last one's reason.</summary>
    public int ConsecutiveFailures { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Set while a drop to zero is held by the mass-drop brake.</summary>
    public DateTimeOffset? HeldSince { get; init; }

    /// <summary>A person confirmed held drops: the next drop to zero of this listing goes out.</summary>
    public bool ZeroConfirmed { get; init; }

    /// <summary>Set while its channel account's pushes are paused and it waits for the resume.</summary>
    public DateTimeOffset? PausedSince { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    /// <summary>This version, claimable no earlier than <paramref name="at"/> (a later instant already set stays).</summary>
    public ListingPushDocument ClaimableNoEarlierThan(DateTimeOffset at) => this with { ClaimableFrom = ClaimableFrom is { } known && known > at ? known : at };

    public static string PartitionKeyFor(string brandId, string sku) => $"{brandId}|{sku}";

    public static string IdFor(SalesChannel channel, string channelSku) => $"push|{channel.Slug()}|{CosmosIds.Encode(channelSku)}";

    /// <summary>A listing never marked: clean, nothing pushed.</summary>
    public static ListingPushDocument New(string brandId, string sku, SalesChannel channel, string channelSku, string location) => new()
    {
        Id = IdFor(channel, channelSku),
        Pk = PartitionKeyFor(brandId, sku),
        BrandId = brandId,
        Sku = sku,
        Channel = channel,
        ChannelSku = channelSku,
        Location = location,
    };
}
