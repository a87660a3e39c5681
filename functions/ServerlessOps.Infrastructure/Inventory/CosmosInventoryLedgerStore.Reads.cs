using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Inventory.Availability;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Inventory;

public sealed partial class CosmosInventoryLedgerStore
{
    /// <summary>Most entries one ledger read lists.</summary>
    public const int MaxListLimit = 1000;

    /// <summary>Pending entries a ledger read looks at to finish those their balance already took (normally none).</summary>
    private const int PendingScanLimit = 100;

    /// <summary>A point read of the entry, whatever its state.</summary>
    public async Task<StockMovement?> FindMovementAsync(string brandId, string sku, string entryId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        ArgumentException.ThrowIfNullOrWhiteSpace(entryId);
        var read = await _entries.ReadAsync(StockBalanceDocument.PartitionKeyFor(brandId, sku), StockEntryDocument.IdFor(entryId), cancellationToken);
        return read?.Document.EnsureReadable().Movement;
    }

    /// <summary>A point read; zeros when the SKU never moved at that location.</summary>
    public async Task<StockBalance> GetBalanceAsync(string brandId, string sku, string location, CancellationToken cancellationToken) =>
        (await GetPositionAsync(brandId, sku, location, cancellationToken)).Balance;

    /// <summary>A point read; zeros and an empty rollup (every reservation counted: there were none) when the SKU never moved there.</summary>
    public async Task<StockPosition> GetPositionAsync(string brandId, string sku, string location, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var read = await _balances.ReadAsync(StockBalanceDocument.PartitionKeyFor(brandId, sku), StockBalanceDocument.IdFor(location), cancellationToken);
        return read?.Document.ToPosition() ?? new StockPosition(new StockBalance(brandId, sku, location, 0, 0), new ReservationRollup());
    }

    /// <summary>Every location of one SKU that ever moved, by location (one single-partition query).</summary>
    public async Task<IReadOnlyList<StockBalance>> ListBalancesAsync(string brandId, string sku, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        var documents = await ListBalanceDocumentsAsync(StockBalanceDocument.PartitionKeyFor(brandId, sku), cancellationToken);
        return [.. documents.Select(d => d.ToDomain())];
    }

    /// <summary>
    /// The applied entries of one SKU (every location), newest applied first: one single-partition query, plus one for
    /// pending entries. A pending entry its balance already took (the writer stopped between the two writes) is listed
    /// as applied and marked on the way (README.md); one its balance never took is not a ledger entry.
    /// </summary>
    public Task<IReadOnlyList<StockLedgerEntry>> ListEntriesAsync(string brandId, string sku, int limit, CancellationToken cancellationToken) =>
        ListAppliedAsync(brandId, sku, appliedAfter: null, limit, cancellationToken);

    /// <summary>
    /// As <see cref="ListEntriesAsync"/>, only those applied after <paramref name="after"/>: the applied-entries query
    /// filters on the time, so a push's velocity read of a SKU with years of history returns its last minutes' sales.
    /// </summary>
    public Task<IReadOnlyList<StockLedgerEntry>> ListEntriesAppliedAfterAsync(string brandId, string sku, DateTimeOffset after, int limit, CancellationToken cancellationToken) =>
        ListAppliedAsync(brandId, sku, CosmosValues.SortableUtc(after), limit, cancellationToken);

    private async Task<IReadOnlyList<StockLedgerEntry>> ListAppliedAsync(string brandId, string sku, string? appliedAfter, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxListLimit);
        var pk = StockBalanceDocument.PartitionKeyFor(brandId, sku);

        // Pending first: an entry marked between the two queries is then seen at least once. The balances between them:
        // a pending entry its balance no longer holds was marked before the balance was read (a decision leaves a balance
        // only after its entry carries it), so the applied query, made after, lists it. Read after the applied query, the
        // balances could miss an entry that a trim marked and dropped in between, and neither answer would list it.
        var pending = await QueryEntriesAsync(pk, StockEntryState.Pending, "c.recordedAt DESC", PendingScanLimit, appliedAfter: null, cancellationToken);
        var balances = pending.Count == 0 ? null : await ListBalanceDocumentsAsync(pk, cancellationToken);
        var applied = await QueryEntriesAsync(pk, StockEntryState.Applied, "c.appliedAt DESC", limit, appliedAfter, cancellationToken);
        var finished = balances is null ? [] : await FinishPendingAsync(balances, pending, cancellationToken);
        return
        [
            .. applied.Concat(finished.Where(e => appliedAfter is null || string.CompareOrdinal(e.AppliedAt, appliedAfter) > 0))
                .DistinctBy(e => e.Id, StringComparer.Ordinal)
                .OrderByDescending(e => e.AppliedAt, StringComparer.Ordinal)
                .ThenBy(e => e.EntryId, StringComparer.Ordinal)
                .Take(limit)
                .Select(e => e.ToDomain()),
        ];
    }

    /// <summary>Marks the pending entries whose balance holds their decision; answers those applied.</summary>
    private async Task<List<StockEntryDocument>> FinishPendingAsync(
        IReadOnlyList<StockBalanceDocument> balancesRead, IReadOnlyList<StockEntryDocument> pending, CancellationToken cancellationToken)
    {
        var balances = balancesRead.ToDictionary(b => b.Location, StringComparer.Ordinal);
        var applied = new List<StockEntryDocument>();
        foreach (var entry in pending)
        {
            if (!balances.TryGetValue(entry.Location, out var balance) || balance.Find(entry.EntryId) is not { } record)
            {
                continue;
            }

            var etag = entry.ETag ?? throw new InvalidOperationException($"Ledger entry '{entry.EntryId}' was read without its ETag.");
            var decided = await FinishAsync(entry, etag, record, cancellationToken);
            if (decided.State == StockEntryState.Applied)
            {
                applied.Add(decided);
            }
        }

        return applied;
    }

    /// <summary>
    /// Brings a pending entry in line with its balance's record (see <see cref="MarkAsync"/>) and answers it as decided;
    /// the entry as stored when another call marked it first.
    /// </summary>
    private async Task<StockEntryDocument> FinishAsync(StockEntryDocument pending, string etag, StockDecisionRecord record, CancellationToken cancellationToken)
    {
        await MarkAsync(new EntryHandle(pending, etag, Created: false), record, cancellationToken);
        _logger.PendingEntryFinished(pending.EntryId, pending.BrandId, pending.Sku, pending.Location, record.Outcome);
        var read = await _entries.ReadAsync(pending.Pk, pending.Id, cancellationToken);
        return read?.Document.EnsureReadable() ?? pending.Decided(record);
    }

    private async Task<IReadOnlyList<StockEntryDocument>> QueryEntriesAsync(
        string pk, StockEntryState state, string orderBy, int top, string? appliedAfter, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, object>> parameters = [new("@state", state.ToString())];
        var filter = "c.state = @state";
        if (appliedAfter is not null)
        {
            parameters.Add(new("@after", appliedAfter));
            filter += " AND c.appliedAt > @after";
        }

        var documents = await _entries.QueryAsync(pk, StockEntryDocument.DocumentType, filter, orderBy, parameters, cancellationToken, top);
        return [.. documents.Select(d => d.EnsureReadable())];
    }

    private async Task<IReadOnlyList<StockBalanceDocument>> ListBalanceDocumentsAsync(string pk, CancellationToken cancellationToken)
    {
        var documents = await _balances.QueryAsync(pk, StockBalanceDocument.DocumentType, filter: null, "c.location ASC", [], cancellationToken);
        return [.. documents.Select(d => d.EnsureReadable())];
    }
}
