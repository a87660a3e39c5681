namespace ServerlessOps.Infrastructure.Inventory;

public sealed partial class CosmosInventoryLedgerStore
{
    /// <summary>Decisions a balance holds before its oldest are checked and dropped. Bounds the document (~4 KB).</summary>
    internal const int RecentCapacity = 40;

    /// <summary>Decisions left after a trim (the newest, including the one being written).</summary>
    internal const int RecentKept = 20;

    /// <summary>
    /// The oldest decisions of <paramref name="balance"/> that may leave it with this write: once it would hold more than
    /// <see cref="RecentCapacity"/> with the <paramref name="adding"/> new ones, all but the newest <see cref="RecentKept"/> − 1, each only after its entry document is
    /// known to carry the decision: this process marked it or saw it decided (<see cref="MarkedEntries"/>), or it is read
    /// now (a pending one is marked here from the record). <paramref name="checkedEntries"/> remembers entries already
    /// seen decided, across a call's attempts (a decided entry never changes again).
    /// </summary>
    private async Task<IReadOnlySet<string>> TrimAsync(StockBalanceDocument balance, int adding, HashSet<string> checkedEntries, CancellationToken cancellationToken)
    {
        if (balance.Recent.Count + adding <= RecentCapacity)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var candidates = balance.Recent.Take(Math.Max(0, balance.Recent.Count - RecentKept + 1)).ToList();
        foreach (var record in candidates)
        {
            if (_marked.TakeIfMarked(balance.Pk, record.EntryId))
            {
                checkedEntries.Add(record.EntryId);
            }
        }

        var toCheck = candidates.Where(r => !checkedEntries.Contains(r.EntryId)).ToList();
        var outcomes = await Task.WhenAll(toCheck.Select(async record => (record.EntryId, Marked: await EnsureMarkedAsync(balance, record, cancellationToken))));
        foreach (var (entryId, marked) in outcomes)
        {
            if (marked)
            {
                checkedEntries.Add(entryId);
            }
        }

        return candidates.Select(r => r.EntryId).Where(checkedEntries.Contains).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True once the entry document carries its decision; false when it is missing (the record then stays).</summary>
    private async Task<bool> EnsureMarkedAsync(StockBalanceDocument balance, StockDecisionRecord record, CancellationToken cancellationToken)
    {
        var id = StockEntryDocument.IdFor(record.EntryId);
        var read = await _entries.ReadAsync(balance.Pk, id, cancellationToken);
        if (read is not { } found)
        {
            _logger.RecordedEntryMissing(balance.BrandId, balance.Sku, balance.Location, record.EntryId);
            return false;
        }

        var entry = found.Document.EnsureReadable();
        if (!entry.IsDecided)
        {
            await FinishAsync(entry, found.ETag, record, cancellationToken);
        }

        return true;
    }
}
