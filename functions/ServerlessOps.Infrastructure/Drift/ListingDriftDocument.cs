using System.Text.Json.Serialization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory.Drift;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Drift;

/// <summary>
/// The drift state of one channel listing, in container <c>inventoryLedger</c>, partition <c>{brandId}#drift</c> (one
/// partition per brand, so the drift route is one single-partition query; a brand id has no <c>#</c> and a SKU's
/// partition has <c>|</c> after the brand, so it meets neither the balances nor the pushes' <c>{brandId}#pushes</c>), id
/// <c>drift|{channel}|{channelSku}</c>. Every write carries the ETag read, so two runs never both repair one observation.
/// </summary>
public sealed record ListingDriftDocument
{
    public const string DocumentType = "listingDrift";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    public required string Sku { get; init; }

    public required SalesChannel Channel { get; init; }

    public required string ChannelSku { get; init; }

    /// <summary>The last read-back: when, what the channel said (quantity, price, its note), or why it failed.</summary>
    public DateTimeOffset? LastReadAt { get; init; }

    public int? LastChannelQuantity { get; init; }

    public decimal? LastChannelPrice { get; init; }

    public string? LastNote { get; init; }

    public string? LastReadError { get; init; }

    /// <summary>What we had last pushed when it was last read (the truth it was compared with).</summary>
    public int? LastExpected { get; init; }

    /// <summary>The first read that found drift, until a second read decides; null when none is pending.</summary>
    public DriftObservation? Pending { get; init; }

    /// <summary>Differences that went away by themselves before a second read confirmed them.</summary>
    public int Converged { get; init; }

    /// <summary>When each repair within <see cref="DriftOptions.RepeatedWindow"/> was made (older ones dropped).</summary>
    public IReadOnlyList<DateTimeOffset> RecentRepairs { get; init; } = [];

    public DateTimeOffset? RepairedAt { get; init; }

    /// <summary>Every repair, oldest first, at most <see cref="DriftOptions.MaxAuditEntries"/>.</summary>
    public IReadOnlyList<DriftAuditEntry> Audit { get; init; } = [];

    /// <summary>The last price read was below the floor (its alert is open until a read finds it fixed).</summary>
    public bool PriceBelowFloor { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId) => $"{brandId}#drift";

    public static string IdFor(SalesChannel channel, string channelSku) => $"drift|{channel.Slug()}|{CosmosIds.Encode(channelSku)}";

    public static ListingDriftDocument New(string brandId, string sku, SalesChannel channel, string channelSku) => new()
    {
        Id = IdFor(channel, channelSku),
        Pk = PartitionKeyFor(brandId),
        BrandId = brandId,
        Sku = sku,
        Channel = channel,
        ChannelSku = channelSku,
    };
}
