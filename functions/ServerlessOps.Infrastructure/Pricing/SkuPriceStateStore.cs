using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// A SKU's price version (<see cref="SkuPriceState"/>): one point read, and writes that carry the ETag read, so the
/// version a client names in <c>If-Match</c> is compared and taken in one conditional write in Cosmos DB, not in memory.
/// </summary>
public sealed class SkuPriceStateStore
{
    private const int MaxAttempts = 10;

    private readonly CosmosDocuments<SkuPriceState> _states;
    private readonly ListingPriceFactStore _facts;

    public SkuPriceStateStore(CosmosContainers containers, ListingPriceFactStore facts, IOptions<CosmosOptions> cosmos, ILogger<SkuPriceStateStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(cosmos);
        _states = new(containers.InventoryLedger, cosmos.Value.QueryPageSize, logger);
        _facts = facts;
    }

    /// <summary>
    /// The SKU's price state with its version. A SKU with no document yet (every SKU priced before the document existed,
    /// right after the deployment that added it) is read from its listings' price facts
    /// (<see cref="SkuPriceState.FromFacts"/>) at a version derived from them (<see cref="SkuPriceState.FactsVersion"/>;
    /// <see cref="SkuPriceState.NoVersion"/> only when it has none): one point read, and one single-partition query only
    /// while the document is absent. Such a state carries no ETag; the first write creates the document from it.
    /// </summary>
    /// <param name="currency">The currency of prices read from facts, which carry none: the catalog item's.</param>
    public async Task<Versioned<SkuPriceState>> ReadAsync(string brandId, string sku, string? currency, CancellationToken cancellationToken = default)
    {
        var stored = await _states.ReadAsync(SkuPriceState.PartitionKeyFor(brandId), SkuPriceState.IdFor(sku), cancellationToken);
        if (stored is { } found)
        {
            // The document keeps the ETag as Cosmos DB answered it, which is what a conditional write must send back.
            return new Versioned<SkuPriceState>(found.Document with { ETag = found.ETag }, SkuPriceState.Bare(found.ETag));
        }

        var facts = await _facts.ListForSkuAsync(brandId, sku, cancellationToken);
        return new Versioned<SkuPriceState>(SkuPriceState.FromFacts(brandId, sku, facts, currency), SkuPriceState.FactsVersion(facts));
    }

    /// <summary>
    /// Records <paramref name="set"/> as the SKU's last set and so takes a new version, before anything is pushed.
    /// With <paramref name="ifMatch"/> (bare ETags), only while the stored version is one of them: the write carries the
    /// ETag read (a create when none is stored), so of two claims on the same version Cosmos DB lets exactly one write and
    /// the other loses with the state as it is now. The first claim on a SKU priced before the document existed creates it
    /// from the listings' facts (as read) plus the set, create-if-absent: of two such claims Cosmos DB lets one create it.
    /// Without it (or with <c>*</c>), whatever the version: a write that
    /// meets another is read and made again.
    /// </summary>
    public async Task<SkuPriceClaim> ClaimAsync(string brandId, string sku, IReadOnlyList<string>? ifMatch, SkuPriceSetMark set, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        var conditional = ifMatch is { Count: > 0 } && !ifMatch.Contains("*");
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(brandId, sku, set.Currency, cancellationToken);
            if (conditional && !ifMatch!.Contains(current.ETag))
            {
                return new SkuPriceClaim(false, current.ETag, current.Value);
            }

            try
            {
                var etag = await WriteAsync(current, current.Value with { LastSet = set }, cancellationToken);
                return new SkuPriceClaim(true, etag, null);
            }
            catch (ConcurrencyConflictException) when (conditional)
            {
                // Another set (or a webhook's price) wrote since the read: the version the caller named is gone.
                var now = await ReadAsync(brandId, sku, set.Currency, cancellationToken);
                return new SkuPriceClaim(false, now.ETag, now.Value);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // No version named: read again and record over theirs.
            }
        }
    }

    /// <summary>
    /// Moves each fact's listing price forward (a set a channel took, a webhook's own price); one write for all, none when
    /// each listing already holds a price at least as new (the document is created, though, when it is not stored yet).
    /// Returns the version now. A write that meets another is read
    /// and made again: these record what channels showed, and no caller's If-Match is at stake.
    /// </summary>
    public async Task<string> RecordAsync(string brandId, string sku, IReadOnlyList<ListingPriceFact> facts, string? currency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Count == 0)
        {
            return (await ReadAsync(brandId, sku, currency, cancellationToken)).ETag;
        }

        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(brandId, sku, currency, cancellationToken);
            var updated = current.Value;
            var changed = false;
            foreach (var fact in facts)
            {
                if (updated.With(fact, currency) is { } moved)
                {
                    updated = moved;
                    changed = true;
                }
            }

            // With no document, the state read from the facts already holds these when they were advanced first (as they
            // are): it is created all the same. Else a claim that read the facts before these were written could create
            // the document without them, and nothing would ever write them to it; this way one of the two creates loses
            // (409) and is made again over the other's document.
            if (!changed && current.Value.ETag is not null)
            {
                return current.ETag;
            }

            try
            {
                return await WriteAsync(current, updated, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // A set's claim or another price moved the state since the read: read it again and apply these on top.
            }
        }
    }

    private async Task<string> WriteAsync(Versioned<SkuPriceState> read, SkuPriceState updated, CancellationToken cancellationToken)
    {
        var document = updated with { ETag = null };
        var etag = read.Value.ETag is null
            ? await _states.CreateAsync(document, document.Pk, document.Id, cancellationToken)
            : await _states.ReplaceAsync(document, document.Pk, document.Id, read.Value.ETag!, cancellationToken);
        return SkuPriceState.Bare(etag);
    }
}
