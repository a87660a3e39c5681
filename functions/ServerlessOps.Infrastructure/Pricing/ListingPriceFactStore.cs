using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>The newest price fact per channel listing (<see cref="ListingPriceFact"/>): one point read, one conditional write.</summary>
public sealed class ListingPriceFactStore
{
    private const int MaxAttempts = 10;

    private readonly CosmosDocuments<ListingPriceFact> _facts;

    public ListingPriceFactStore(CosmosContainers containers, IOptions<CosmosOptions> cosmos, ILogger<ListingPriceFactStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(cosmos);
        _facts = new(containers.InventoryLedger, cosmos.Value.QueryPageSize, logger);
    }

    /// <summary>
    /// Stores <paramref name="fact"/> unless a newer one is stored; returns that newer fact, or null when
    /// <paramref name="fact"/> is at least as new (stored, or tied with the stored one within its second). The write carries
    /// the ETag read: a 412 means a price-set or another webhook moved the fact meanwhile, so it is read and judged again.
    /// Idempotent: a redelivered observation finds itself stored and is not older.
    /// </summary>
    public async Task<ListingPriceFact?> AdvanceAsync(ListingPriceFact fact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fact);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _facts.ReadAsync(fact.Pk, fact.Id, cancellationToken);
            if (stored is { } newer && newer.Document.IsNewerThan(fact.At))
            {
                return newer.Document;
            }

            if (stored is { } same && same.Document.At >= fact.At)
            {
                return null;
            }

            try
            {
                if (stored is { } older)
                {
                    await _facts.ReplaceAsync(fact, fact.Pk, fact.Id, older.ETag, cancellationToken);
                }
                else
                {
                    await _facts.CreateAsync(fact, fact.Pk, fact.Id, cancellationToken);
                }

                return null;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another writer moved the fact since the read: read it again and compare with theirs.
            }
        }
    }

    /// <summary>
    /// Every listing's price fact of <paramref name="sku"/> (one per listing, each the newest), each with its ETag, in id
    /// order: one query inside the brand's price-facts partition. For a SKU whose <see cref="SkuPriceState"/> was never
    /// written (priced before it existed), these are its prices.
    /// </summary>
    public Task<IReadOnlyList<ListingPriceFact>> ListForSkuAsync(string brandId, string sku, CancellationToken cancellationToken = default) =>
        _facts.QueryAsync(
            ListingPriceFact.PartitionKeyFor(brandId), ListingPriceFact.DocumentType, "c.sku = @sku", "c.id",
            [new KeyValuePair<string, object>("@sku", sku)], cancellationToken);
}
