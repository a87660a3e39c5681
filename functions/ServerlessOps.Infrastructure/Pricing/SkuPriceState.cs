using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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

    /// <summary>
    /// The version of a SKU with no document and no listing price fact: nothing was ever priced. A set sending it creates
    /// the document, conditionally. A SKU without a document but with facts has <see cref="FactsVersion"/> instead.
    /// </summary>
    public const string NoVersion = "none";

    /// <summary>How a version taken from the listing facts begins; no Cosmos DB ETag does, so it never equals a document's.</summary>
    public const string FactsVersionPrefix = "facts-";

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

    /// <summary>
    /// The state of a SKU priced before this document existed (price-sets and webhooks then wrote only the listings'
    /// facts): each listing at its newest fact, with its time and source, as <see cref="With"/> would have recorded it, and
    /// no last set (sets before this document recorded none). The facts carry no currency: <paramref name="currency"/>.
    /// </summary>
    public static SkuPriceState FromFacts(string brandId, string sku, IReadOnlyList<ListingPriceFact> facts, string? currency)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var state = Empty(brandId, sku);
        foreach (var fact in facts)
        {
            state = state.With(fact, currency) ?? state;
        }

        return state;
    }

    /// <summary>
    /// The version of a SKU with no document, taken from its listing facts: a digest of each fact's id and ETag (with its
    /// time and price beside them).
    /// <para>
    /// Why not <see cref="NoVersion"/>: a SKU priced before this document existed would then read as never priced, and a
    /// set sending "none" would pass whatever its listings show. Why the facts' ETags: every write of a fact (a webhook's
    /// price, a set's) changes its ETag, so a fact written after a GET (before any document exists) changes this version
    /// and the If-Match of that GET is stale. Time and price are in it too so that it still moves if a store ever answers
    /// a fact without its ETag (a fact only moves forward: each write has a later time). Deterministic, so the GET and the
    /// claim compute the same version from the same facts; once the document exists its own ETag is the version, which
    /// never begins with <see cref="FactsVersionPrefix"/>, so a version read before it was created is stale.
    /// </para>
    /// </summary>
    public static string FactsVersion(IReadOnlyList<ListingPriceFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Count == 0)
        {
            return NoVersion;
        }

        var text = new StringBuilder();
        foreach (var fact in facts.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            text.Append(fact.Id).Append('\n')
                .Append(fact.ETag is { } etag ? Bare(etag) : string.Empty).Append('\n')
                .Append(fact.At.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(fact.Price.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return FactsVersionPrefix + Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
