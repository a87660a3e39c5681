using System.Text.Json.Serialization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// The newest thing known about the price of one channel listing: a price a person set through our API (at the time
/// the push started) or our own price in a webhook (at the channel's time in the payload). A webhook price older than it
/// is not guarded: the channel has shown something newer since. Container <c>inventoryLedger</c>, partition
/// <c>{brandId}#price-facts</c>, id <c>latest|{channel}|{sku}|{channel sku}</c>; only ever moved forward, under its ETag
/// (a price-set and a webhook meet here).
/// </summary>
public sealed record ListingPriceFact
{
    public const string DocumentType = "listingPriceFact";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The catalog SKU.</summary>
    public required string Sku { get; init; }

    public required SalesChannel Channel { get; init; }

    public required string ChannelSku { get; init; }

    public required decimal Price { get; init; }

    /// <summary>When the channel showed (or we started pushing) the price: the channel's clock for a webhook, ours for a set.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary><c>webhook</c>, or <c>price-set by {who}</c>.</summary>
    public required string Source { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId) => $"{brandId}#price-facts";

    public static string IdFor(SalesChannel channel, string sku, string channelSku) =>
        $"latest|{channel.Slug()}|{CosmosIds.Encode(sku)}|{CosmosIds.Encode(channelSku)}";

    public static ListingPriceFact For(string brandId, string sku, SalesChannel channel, string channelSku, decimal price, DateTimeOffset at, string source) => new()
    {
        Id = IdFor(channel, sku, channelSku),
        Pk = PartitionKeyFor(brandId),
        BrandId = brandId,
        Sku = sku,
        Channel = channel,
        ChannelSku = channelSku,
        Price = price,
        At = at,
        Source = source,
    };

    /// <summary>
    /// Whether a price seen at <paramref name="at"/> predates this fact. Channels stamp their events in whole seconds, so a
    /// price in the same second as the fact is not counted older: it is checked (an alert too many beats a breach missed).
    /// </summary>
    public bool IsNewerThan(DateTimeOffset at) => at.UtcTicks < At.UtcTicks - (At.UtcTicks % TimeSpan.TicksPerSecond);
}
