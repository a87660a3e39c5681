using System.Text.Json.Serialization;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// A SKU's price as a price-set changes it, in one document so that one ETag versions it: the newest price known per
/// listing (a set a channel took, or our own price in a webhook) and the last set that was started. A set that sends
/// <c>If-Match</c> claims this document under that ETag before it pushes anything, so of two sets decided on the same
/// version exactly one reaches the channels, on whichever app instance they run.
/// <para>
/// Why the SKU and not each listing: a set changes several listings at once, and Cosmos DB guards one document per
/// write; a version per listing could not make "only if none of them changed" one conditional write. Why webhook prices
/// move it too: the GET shows them, and a person who decided on 24.99 must learn that the channel shows 27.00 now. A
/// drift read-back moves it not: it records no price fact (it reads now), so there is nothing newer to show.
/// </para>
/// Container <c>inventoryLedger</c>, partition <c>{brandId}#price-facts</c> (beside the listings' facts), id <c>prices|{sku}</c>.
/// </summary>
public sealed record SkuPriceState
{
    public const string DocumentType = "skuPriceState";

    /// <summary>The version of a SKU with no document yet: a set sending it creates the document, conditionally.</summary>
    public const string NoVersion = "none";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string Sku { get; init; }

    /// <summary>The newest price known per listing; a listing no set or webhook has priced yet is absent.</summary>
    public IReadOnlyList<SkuListingPrice> Listings { get; init; } = [];

    /// <summary>The last set that claimed this version (before it pushed): what, where, who, when. Null until one did.</summary>
    public SkuPriceSetMark? LastSet { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId) => ListingPriceFact.PartitionKeyFor(brandId);

    public static string IdFor(string sku) => $"prices|{CosmosIds.Encode(sku)}";

    public static SkuPriceState Empty(string brandId, string sku) => new() { Id = IdFor(sku), Pk = PartitionKeyFor(brandId), BrandId = brandId, Sku = sku };

    /// <summary>An ETag as compared: without W/ and quotes (Cosmos DB quotes its ETags, the local emulator does not).</summary>
    public static string Bare(string etag)
    {
        ArgumentNullException.ThrowIfNull(etag);
        return etag.Trim().Replace("W/", string.Empty, StringComparison.Ordinal).Trim('"');
    }

    /// <summary>
    /// This state with <paramref name="fact"/> as its listing's price, unless the listing already holds a price at least as
    /// new (the same rule as <see cref="ListingPriceFactStore"/>: only forward); null when nothing changes.
    /// </summary>
    public SkuPriceState? With(ListingPriceFact fact, string? currency)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var held = Listings.FirstOrDefault(l => l.Channel == fact.Channel && string.Equals(l.ChannelSku, fact.ChannelSku, StringComparison.Ordinal));
        if (held is not null && held.At >= fact.At)
        {
            return null;
        }

        var price = new SkuListingPrice(fact.Channel, fact.ChannelSku, fact.Price, currency, fact.At, fact.Source);
        return this with { Listings = [.. Listings.Where(l => !ReferenceEquals(l, held)), price] };
    }
}
