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

    public SkuPriceStateStore(CosmosContainers containers, IOptions<CosmosOptions> cosmos, ILogger<SkuPriceStateStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(cosmos);
        _states = new(containers.InventoryLedger, cosmos.Value.QueryPageSize, logger);
    }

    /// <summary>The SKU's price state with its version; an empty state at <see cref="SkuPriceState.NoVersion"/> when none is stored yet.</summary>
    public async Task<Versioned<SkuPriceState>> ReadAsync(string brandId, string sku, CancellationToken cancellationToken = default)
    {
        var stored = await _states.ReadAsync(SkuPriceState.PartitionKeyFor(brandId), SkuPriceState.IdFor(sku), cancellationToken);
        return stored is { } found
            // The document keeps the ETag as Cosmos DB answered it, which is what a conditional write must send back.
            ? new Versioned<SkuPriceState>(found.Document with { ETag = found.ETag }, SkuPriceState.Bare(found.ETag))
            : new Versioned<SkuPriceState>(SkuPriceState.Empty(brandId, sku), SkuPriceState.NoVersion);
    }

    /// <summary>
    /// Records <paramref name="set"/> as the SKU's last set and so takes a new version, before anything is pushed.
    /// With <paramref name="ifMatch"/> (bare ETags), only while the stored version is one of them: the write carries the
    /// ETag read (a create when none is stored), so of two claims on the same version Cosmos DB lets exactly one write and
    /// the other loses with the state as it is now. Without it (or with <c>*</c>), whatever the version: a write that
    /// meets another is read and made again.
    /// </summary>
    public async Task<SkuPriceClaim> ClaimAsync(string brandId, string sku, IReadOnlyList<string>? ifMatch, SkuPriceSetMark set, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        var conditional = ifMatch is { Count: > 0 } && !ifMatch.Contains("*");
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(brandId, sku, cancellationToken);
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
                var now = await ReadAsync(brandId, sku, cancellationToken);
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
    /// each listing already holds a price at least as new. Returns the version now. A write that meets another is read
    /// and made again: these record what channels showed, and no caller's If-Match is at stake.
    /// </summary>
    public async Task<string> RecordAsync(string brandId, string sku, IReadOnlyList<ListingPriceFact> facts, string? currency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(brandId, sku, cancellationToken);
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

            if (!changed)
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
        var etag = read.ETag == SkuPriceState.NoVersion
            ? await _states.CreateAsync(document, document.Pk, document.Id, cancellationToken)
            : await _states.ReplaceAsync(document, document.Pk, document.Id, read.Value.ETag!, cancellationToken);
        return SkuPriceState.Bare(etag);
    }
}
