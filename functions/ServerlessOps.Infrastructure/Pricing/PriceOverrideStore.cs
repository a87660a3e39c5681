using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>The override audit (<see cref="PriceOverrideDocument"/>) and the overridden price live per listing (<see cref="PriceOverrideCurrent"/>).</summary>
public sealed class PriceOverrideStore
{
    private readonly CosmosDocuments<PriceOverrideDocument> _audit;
    private readonly CosmosDocuments<PriceOverrideCurrent> _current;
    private readonly IOptions<PricingOptions> _options;

    public PriceOverrideStore(CosmosContainers containers, IOptions<CosmosOptions> cosmos, IOptions<PricingOptions> options, ILogger<PriceOverrideStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(cosmos);
        _audit = new(containers.InventoryLedger, cosmos.Value.QueryPageSize, logger);
        _current = new(containers.InventoryLedger, cosmos.Value.QueryPageSize, logger);
        _options = options;
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

    /// <summary>The brand's overrides, newest first (of one SKU when given), at most <see cref="PricingOptions.MaxOverridesListed"/>.</summary>
    public Task<IReadOnlyList<PriceOverrideDocument>> ListAsync(string brandId, string? sku, CancellationToken cancellationToken = default) =>
        _audit.QueryAsync(
            PriceOverrideDocument.PartitionKeyFor(brandId), PriceOverrideDocument.DocumentType,
            sku is null ? null : "c.sku = @sku", "c.id DESC",
            sku is null ? [] : [new("@sku", sku)], cancellationToken, _options.Value.MaxOverridesListed);
}
