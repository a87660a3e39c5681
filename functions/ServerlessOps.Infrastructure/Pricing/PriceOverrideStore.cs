using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>The override audit (<see cref="PriceOverrideDocument"/>) and the overridden price live per listing (<see cref="PriceOverrideCurrent"/>).</summary>
public sealed class PriceOverrideStore
{
    private readonly CosmosDocuments<PriceOverrideDocument> _audit;
    private readonly CosmosDocuments<PriceOverrideCurrent> _current;

    public PriceOverrideStore(CosmosContainers containers, IOptions<CosmosOptions> cosmos, ILogger<PriceOverrideStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(cosmos);
        _audit = new(containers.InventoryLedger, cosmos.Value.QueryPageSize, logger);
        _current = new(containers.InventoryLedger, cosmos.Value.QueryPageSize, logger);
    }

    /// <summary>Writes the audit entry first, then marks the price live on each breached channel: an override is never pushed unrecorded.</summary>
    public async Task RecordAsync(PriceOverrideDocument entry, IReadOnlyCollection<SalesChannel> channels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(channels);
        await _audit.UpsertAsync(entry, entry.Pk, entry.Id, cancellationToken);
        foreach (var channel in channels)
        {
            var current = new PriceOverrideCurrent
            {
                Id = PriceOverrideCurrent.IdFor(channel, entry.Sku),
                Pk = entry.Pk,
                BrandId = entry.BrandId,
                Sku = entry.Sku,
                Channel = channel,
                Price = entry.Price,
                Reason = entry.Reason,
                By = entry.By,
                At = entry.At,
            };
            await _current.UpsertAsync(current, current.Pk, current.Id, cancellationToken);
        }
    }

    /// <summary>Forgets the live override of a channel listing: a later price that passed the guardrail replaced it.</summary>
    public async Task ForgetAsync(string brandId, string sku, SalesChannel channel, CancellationToken cancellationToken = default)
    {
        var id = PriceOverrideCurrent.IdFor(channel, sku);
        if (await _current.ReadAsync(PriceOverrideDocument.PartitionKeyFor(brandId), id, cancellationToken) is { } found)
        {
            await _current.DeleteAsync(PriceOverrideDocument.PartitionKeyFor(brandId), id, found.ETag, cancellationToken);
        }
    }

    public async Task<PriceOverrideCurrent?> GetCurrentAsync(string brandId, string sku, SalesChannel channel, CancellationToken cancellationToken = default) =>
        (await _current.ReadAsync(PriceOverrideDocument.PartitionKeyFor(brandId), PriceOverrideCurrent.IdFor(channel, sku), cancellationToken))?.Document;

    /// <summary>
    /// One page of the brand's overrides (of one SKU when given), newest first. The sort key is the id,
    /// <c>override|{at ticks, 20 digits}|{sku}</c>: it is the override's time as sortable text, never changes (an override is
    /// never rewritten), and is unique, so overrides of the same instant follow by SKU, descending, and none is cut in two.
    /// </summary>
    public Task<Page<PriceOverrideDocument>> ListAsync(string brandId, string? sku, PageRequest page, CancellationToken cancellationToken = default) =>
        KeysetPageQuery.ReadAsync(
            _audit,
            PriceOverrideDocument.PartitionKeyFor(brandId),
            PriceOverrideDocument.DocumentType,
            sku is null ? null : "c.sku = @sku",
            sku is null ? [] : [new("@sku", sku)],
            "c.id",
            d => d.Id,
            d => d.Id,
            page,
            cancellationToken);
}
