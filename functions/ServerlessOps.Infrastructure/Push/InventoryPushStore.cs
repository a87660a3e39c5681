using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// The push documents in container <c>inventoryLedger</c>: listing push states beside each SKU's balances, and per brand
/// (partition <c>{brandId}#pushes</c>) the pause controls and the mass-drop hold. Every read is a point read but the
/// listings of one SKU (one single-partition query); every write carries the ETag read, and <see cref="UpdateAsync{T}"/>
/// re-reads and decides again on a lost race.
/// </summary>
public sealed class InventoryPushStore
{
    private const int MaxAttempts = 20;

    private readonly CosmosDocuments<ListingPushDocument> _listings;
    private readonly CosmosDocuments<PushControlDocument> _controls;
    private readonly CosmosDocuments<PushHoldDocument> _holds;

    public InventoryPushStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<InventoryPushStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        var pageSize = options.Value.QueryPageSize;
        _listings = new(containers.InventoryLedger, pageSize, logger);
        _controls = new(containers.InventoryLedger, pageSize, logger);
        _holds = new(containers.InventoryLedger, pageSize, logger);
    }

    public async Task<ListingPushDocument?> GetListingAsync(string brandId, string sku, SalesChannel channel, string channelSku, CancellationToken cancellationToken = default) =>
        (await ReadListingAsync(brandId, sku, channel, channelSku, cancellationToken))?.Document;

    public Task<(ListingPushDocument Document, string ETag)?> ReadListingAsync(
        string brandId, string sku, SalesChannel channel, string channelSku, CancellationToken cancellationToken = default) =>
        _listings.ReadAsync(ListingPushDocument.PartitionKeyFor(brandId, sku), ListingPushDocument.IdFor(channel, channelSku), cancellationToken);

    /// <summary>Creates; <see cref="ConcurrencyConflictException"/> when it exists. Returns the ETag.</summary>
    public Task<string> CreateListingAsync(ListingPushDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return _listings.CreateAsync(document with { ETag = null }, document.Pk, document.Id, cancellationToken);
    }

    /// <summary>Replaces under <paramref name="etag"/>; <see cref="ConcurrencyConflictException"/> when written since. Returns the new ETag.</summary>
    public Task<string> ReplaceListingAsync(ListingPushDocument document, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return _listings.ReplaceAsync(document with { ETag = null }, document.Pk, document.Id, etag, cancellationToken);
    }

    /// <summary>Every listing push state of one SKU, by channel and channel SKU.</summary>
    public async Task<IReadOnlyList<ListingPushDocument>> ListListingsAsync(string brandId, string sku, CancellationToken cancellationToken = default) =>
        await _listings.QueryAsync(ListingPushDocument.PartitionKeyFor(brandId, sku), ListingPushDocument.DocumentType, filter: null, "c.id ASC", [], cancellationToken);

    public async Task<PushControlDocument?> GetControlAsync(string brandId, SalesChannel channel, string accountId, CancellationToken cancellationToken = default) =>
        (await _controls.ReadAsync(PushControlDocument.PartitionKeyFor(brandId), PushControlDocument.IdFor(channel, accountId), cancellationToken))?.Document;

    public async Task<PushHoldDocument?> GetHoldAsync(string brandId, CancellationToken cancellationToken = default) =>
        (await _holds.ReadAsync(PushControlDocument.PartitionKeyFor(brandId), PushHoldDocument.DocumentId, cancellationToken))?.Document;

    /// <summary>Applies <paramref name="change"/> to the listing (null = leave it as it is) under its ETag, re-deciding on a lost race.</summary>
    public Task<ListingPushDocument?> UpdateListingAsync(
        string brandId, string sku, SalesChannel channel, string channelSku, Func<ListingPushDocument?, ListingPushDocument?> change, CancellationToken cancellationToken = default) =>
        UpdateAsync(_listings, ListingPushDocument.PartitionKeyFor(brandId, sku), ListingPushDocument.IdFor(channel, channelSku), change, cancellationToken);

    public Task<PushControlDocument?> UpdateControlAsync(
        string brandId, SalesChannel channel, string accountId, Func<PushControlDocument?, PushControlDocument?> change, CancellationToken cancellationToken = default) =>
        UpdateAsync(_controls, PushControlDocument.PartitionKeyFor(brandId), PushControlDocument.IdFor(channel, accountId), change, cancellationToken);

    public Task<PushHoldDocument?> UpdateHoldAsync(string brandId, Func<PushHoldDocument?, PushHoldDocument?> change, CancellationToken cancellationToken = default) =>
        UpdateAsync(_holds, PushControlDocument.PartitionKeyFor(brandId), PushHoldDocument.DocumentId, change, cancellationToken);

    /// <summary>
    /// Reads, asks <paramref name="change"/> for the new version (null: no write, the stored one is answered), and
    /// creates or replaces under the ETag read; on a conflict reads again and asks again. Returns what is stored after.
    /// </summary>
    private static async Task<T?> UpdateAsync<T>(CosmosDocuments<T> documents, string pk, string id, Func<T?, T?> change, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var read = await documents.ReadAsync(pk, id, cancellationToken);
            var current = read?.Document;
            var next = change(current);
            if (next is null || ReferenceEquals(next, current))
            {
                return current;
            }

            try
            {
                if (read is { } found)
                {
                    await documents.ReplaceAsync(next, pk, id, found.ETag, cancellationToken);
                }
                else
                {
                    await documents.CreateAsync(next, pk, id, cancellationToken);
                }

                return next;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another writer won since the read: decide again on what it wrote.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * Math.Min(attempt, 10))), cancellationToken);
            }
        }
    }
}
