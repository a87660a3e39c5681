using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Catalog;

/// <summary>
/// The <c>catalog</c> container: items, listing lookups, unit costs and fee schedules in partition
/// <c>{brandId}|catalog</c>, import records in <c>{brandId}|imports</c>. Every read is a point read but the import list
/// (one single-partition query); merges of costs and fees carry the ETag they read and re-read on a lost race. Every
/// write of an item, a listing lookup, costs or fees makes <see cref="CatalogReadCache"/> forget the document.
/// </summary>
public sealed class CatalogStore
{
    private const int MaxAttempts = 12;

    private readonly CosmosDocuments<CatalogItemDocument> _items;
    private readonly CosmosDocuments<CatalogListingDocument> _listings;
    private readonly CosmosDocuments<UnitCostsDocument> _costs;
    private readonly CosmosDocuments<FeeScheduleDocument> _fees;
    private readonly CosmosDocuments<ImportRecordDocument> _imports;
    private readonly CatalogReadCache? _readCache;

    /// <param name="readCache">The order path's cache to keep true, or null where nothing reads through one.</param>
    public CatalogStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CatalogStore> logger, CatalogReadCache? readCache = null)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        var pageSize = options.Value.QueryPageSize;
        _items = new(containers.Catalog, pageSize, logger);
        _listings = new(containers.Catalog, pageSize, logger);
        _costs = new(containers.Catalog, pageSize, logger);
        _fees = new(containers.Catalog, pageSize, logger);
        _imports = new(containers.Catalog, pageSize, logger);
        _readCache = readCache;
    }

    public async Task<CatalogItem?> GetItemAsync(string brandId, string sku, CancellationToken cancellationToken = default) =>
        (await _items.ReadAsync(CatalogDocuments.CatalogPartition(brandId), CatalogDocuments.ItemId(sku), cancellationToken))?.Document.Item;

    /// <summary>Writes the item whole (creates or overwrites).</summary>
    public async Task PutItemAsync(CatalogItem item, string importId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var document = new CatalogItemDocument
        {
            Id = CatalogDocuments.ItemId(item.Sku),
            Pk = CatalogDocuments.CatalogPartition(item.BrandId),
            BrandId = item.BrandId,
            Sku = item.Sku,
            Item = item,
            ImportId = importId,
        };
        await WriteThenForgetAsync(document.Pk, document.Id, () => _items.UpsertAsync(document, document.Pk, document.Id, cancellationToken));
    }

    /// <summary>The lookup of a channel SKU and its ETag; null when the channel SKU is not mapped.</summary>
    public async Task<(CatalogListingDocument Document, string ETag)?> GetListingAsync(
        string brandId, SalesChannel channel, string channelSku, CancellationToken cancellationToken = default) =>
        await _listings.ReadAsync(CatalogDocuments.CatalogPartition(brandId), CatalogDocuments.ListingId(channel, channelSku), cancellationToken);

    /// <summary>Maps <paramref name="listing"/>'s channel SKU to <paramref name="item"/> (creates or overwrites the lookup).</summary>
    public async Task PutListingAsync(CatalogItem item, ChannelListing listing, string importId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(listing);
        var document = new CatalogListingDocument
        {
            Id = CatalogDocuments.ListingId(listing.Channel, listing.ChannelSku),
            Pk = CatalogDocuments.CatalogPartition(item.BrandId),
            BrandId = item.BrandId,
            Channel = listing.Channel,
            ChannelSku = listing.ChannelSku,
            Sku = item.Sku,
            Listing = listing,
            Category = item.Category,
            Currency = item.Currency,
            MinimumAdvertisedPrice = item.MinimumAdvertisedPrice,
            ImportId = importId,
        };
        await WriteThenForgetAsync(document.Pk, document.Id, () => _listings.UpsertAsync(document, document.Pk, document.Id, cancellationToken));
    }

    /// <summary>
    /// Removes the lookup of a channel SKU if it still maps to <paramref name="sku"/>: another item may have taken the
    /// channel SKU meanwhile (a listing moved in the same file), and its lookup stays. False when nothing was removed.
    /// </summary>
    public async Task<bool> DeleteListingIfMappedToAsync(string brandId, SalesChannel channel, string channelSku, string sku, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var read = await GetListingAsync(brandId, channel, channelSku, cancellationToken);
            if (read is not { } found || !string.Equals(found.Document.Sku, sku, StringComparison.Ordinal))
            {
                return false;
            }

            try
            {
                return await WriteThenForgetAsync(
                    found.Document.Pk, found.Document.Id, () => _listings.DeleteAsync(found.Document.Pk, found.Document.Id, found.ETag, cancellationToken));
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Rewritten since the read (the other item of a move): read again and decide on what it holds now.
            }
        }
    }

    /// <summary>Every unit cost of the SKU, oldest first (empty when none was imported).</summary>
    public async Task<IReadOnlyList<UnitCost>> GetCostsAsync(string brandId, string sku, CancellationToken cancellationToken = default) =>
        (await _costs.ReadAsync(CatalogDocuments.CatalogPartition(brandId), CatalogDocuments.CostsId(sku), cancellationToken))?.Document.Costs ?? [];

    /// <summary>Merges <paramref name="costs"/> (one SKU) into its stored costs (<see cref="EffectivePeriods.Merge"/>): idempotent.</summary>
    public Task MergeCostsAsync(string brandId, string sku, IReadOnlyList<UnitCost> costs, CancellationToken cancellationToken = default) =>
        MergeAsync(
            _costs,
            CatalogDocuments.CatalogPartition(brandId),
            CatalogDocuments.CostsId(sku),
            stored => EffectivePeriods.Merge(stored?.Costs ?? [], costs, c => c.Sku, c => c.EffectiveFrom),
            (id, pk, merged) => new UnitCostsDocument { Id = id, Pk = pk, BrandId = brandId, Sku = sku, Costs = merged },
            cancellationToken);

    /// <summary>Every fee rule of the channel (empty when none was imported).</summary>
    public async Task<IReadOnlyList<FeeRule>> GetFeesAsync(string brandId, SalesChannel channel, CancellationToken cancellationToken = default) =>
        (await _fees.ReadAsync(CatalogDocuments.CatalogPartition(brandId), CatalogDocuments.FeesId(channel), cancellationToken))?.Document.Rules ?? [];

    /// <summary>
    /// The channel's schedule with the rows later imports replaced with other terms (<see cref="FeeScheduleVersions"/>), from
    /// one read of its document.
    /// </summary>
    public async Task<FeeScheduleHistory> GetFeeHistoryAsync(string brandId, SalesChannel channel, CancellationToken cancellationToken = default) =>
        (await _fees.ReadAsync(CatalogDocuments.CatalogPartition(brandId), CatalogDocuments.FeesId(channel), cancellationToken))?.Document is { } schedule
            ? new FeeScheduleHistory(schedule.Rules, schedule.Replaced)
            : FeeScheduleHistory.Empty;

    /// <summary>Merges <paramref name="rules"/> (one channel) into its stored schedule, unstamped (seeding, tests): idempotent.</summary>
    public Task MergeFeesAsync(string brandId, SalesChannel channel, IReadOnlyList<FeeRule> rules, CancellationToken cancellationToken = default) =>
        MergeAsync(
            _fees,
            CatalogDocuments.CatalogPartition(brandId),
            CatalogDocuments.FeesId(channel),
            stored => EffectivePeriods.Merge(stored?.Rules ?? [], rules, EffectivePeriods.FeeKey, r => r.EffectiveFrom),
            (id, pk, merged) => new FeeScheduleDocument { Id = id, Pk = pk, BrandId = brandId, Channel = channel, Rules = merged },
            cancellationToken);

    /// <summary>
    /// Merges <paramref name="rules"/> (one channel) as the fee import stores them: stamped <paramref name="recordedAt"/>, a
    /// replaced row kept with its replacement time (<see cref="FeeScheduleVersions.Merge"/>). Re-importing the same rows
    /// changes nothing.
    /// </summary>
    public Task MergeFeesAsync(string brandId, SalesChannel channel, IReadOnlyList<FeeRule> rules, DateTimeOffset recordedAt, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ReplacedFeeRule> replaced = [];
        return MergeAsync(
            _fees,
            CatalogDocuments.CatalogPartition(brandId),
            CatalogDocuments.FeesId(channel),
            stored =>
            {
                var merged = FeeScheduleVersions.Merge(stored?.Rules ?? [], stored?.Replaced ?? [], rules, recordedAt);
                replaced = merged.Replaced;
                return merged.Rules;
            },
            (id, pk, merged) => new FeeScheduleDocument { Id = id, Pk = pk, BrandId = brandId, Channel = channel, Rules = merged, Replaced = replaced },
            cancellationToken);
    }

    /// <summary>The import record and its ETag; null when no file with that id was accepted.</summary>
    public async Task<(ImportRecord Record, string ETag)?> GetImportAsync(string brandId, string importId, CancellationToken cancellationToken = default) =>
        await _imports.ReadAsync(CatalogDocuments.ImportsPartition(brandId), CatalogDocuments.ImportId(importId), cancellationToken) is { } found
            ? (found.Document.Record, found.ETag)
            : null;

    /// <summary>Creates the record; null when it already exists (another post of the same file got there first).</summary>
    public async Task<string?> TryCreateImportAsync(ImportRecord record, CancellationToken cancellationToken = default)
    {
        var document = ImportDocument(record);
        try
        {
            return await _imports.CreateAsync(document, document.Pk, document.Id, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }
    }

    /// <summary>Replaces the record if still at <paramref name="ifMatchETag"/>; false when it changed since.</summary>
    public async Task<bool> TryReplaceImportAsync(ImportRecord record, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        var document = ImportDocument(record);
        try
        {
            await _imports.ReplaceAsync(document, document.Pk, document.Id, ifMatchETag, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    /// <summary>The brand's imports still Applying that were received before <paramref name="receivedBefore"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ImportRecord>> ListImportsApplyingAsync(string brandId, DateTimeOffset receivedBefore, CancellationToken cancellationToken = default) =>
        [.. (await _imports.QueryAsync(
                CatalogDocuments.ImportsPartition(brandId), ImportRecordDocument.DocumentType, "c.record.state = @state AND c.receivedAt < @before", "c.receivedAt",
                [new("@state", nameof(ImportState.Applying)), new("@before", CosmosValues.SortableUtc(receivedBefore))], cancellationToken))
            .Select(d => d.Record)];

    /// <summary>The brand's most recent imports, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ImportRecord>> ListImportsAsync(string brandId, int limit, CancellationToken cancellationToken = default) =>
        [.. (await _imports.QueryAsync(CatalogDocuments.ImportsPartition(brandId), ImportRecordDocument.DocumentType, null, "c.receivedAt DESC", [], cancellationToken, limit))
            .Select(d => d.Record)];

    private static ImportRecordDocument ImportDocument(ImportRecord record) => new()
    {
        Id = CatalogDocuments.ImportId(record.ImportId),
        Pk = CatalogDocuments.ImportsPartition(record.BrandId),
        BrandId = record.BrandId,
        ReceivedAt = CosmosValues.SortableUtc(record.ReceivedAt),
        Record = record,
    };

    /// <summary>
    /// Writes, then makes the order path's cache forget the document, also when the write failed: an answer lost after
    /// the service stored the write (a timeout) must not leave the old version cached.
    /// </summary>
    private async Task<T> WriteThenForgetAsync<T>(string pk, string id, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        finally
        {
            _readCache?.Forget(pk, id);
        }
    }

    private async Task MergeAsync<TDocument, TRow>(
        CosmosDocuments<TDocument> documents,
        string pk,
        string id,
        Func<TDocument?, IReadOnlyList<TRow>> merge,
        Func<string, string, IReadOnlyList<TRow>, TDocument> create,
        CancellationToken cancellationToken)
        where TDocument : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var read = await documents.ReadAsync(pk, id, cancellationToken);
            var document = create(id, pk, merge(read?.Document));
            try
            {
                await WriteThenForgetAsync(pk, id, () => read is { } found
                    ? documents.ReplaceAsync(document, pk, id, found.ETag, cancellationToken)
                    : documents.CreateAsync(document, pk, id, cancellationToken));
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another import merged into the same document between our read and write: merge into what it wrote.
            }
        }
    }
}
