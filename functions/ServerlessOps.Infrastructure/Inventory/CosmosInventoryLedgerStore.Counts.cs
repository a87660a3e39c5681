using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Inventory;

/// <summary>
/// A count as of when it was taken. A count taken at 09:00 and imported at 11:00 must keep the receipts, shipments and
/// returns applied in between on top of the counted figure; so the balance that decides it adds the on-hand deltas of
/// the movements (other than counts) applied at the location after <see cref="StockMovement.CountedAt"/>.
/// </summary>
public sealed partial class CosmosInventoryLedgerStore
{
    /// <summary>The decision of <paramref name="balance"/> (the batch's working copy) on <paramref name="movement"/>.</summary>
    private async Task<StockDecision> DecideMovementAsync(StockBalanceDocument balance, StockMovement movement, CancellationToken cancellationToken)
    {
        if (movement is not { Kind: StockMovementKind.Count, CountedAt: { } countedAt })
        {
            return StockMovementRules.Decide(balance.ToDomain(), movement);
        }

        var deltas = balance.LastCountedAt > countedAt ? [] : await OnHandDeltasAfterAsync(balance, countedAt, cancellationToken);
        return StockMovementRules.DecideCount(balance.ToDomain(), movement, balance.LastCountedAt, deltas);
    }

    /// <summary>
    /// The on-hand deltas of the movements other than counts that <paramref name="balance"/> applied after
    /// <paramref name="countedAt"/>, at most <see cref="StockMovementRules.MaxMovementsAfterCount"/> + 1. Read after the
    /// balance, as <see cref="DecidedEntriesAsync"/> is: a decision leaves <c>recent</c> only once its entry carries it, so
    /// every decision of the version read is in <c>recent</c> or in the entries queried; one taken by another process
    /// since may be counted too, but then the balance's If-Match fails and the batch is decided again.
    /// </summary>
    private async Task<IReadOnlyCollection<int>> OnHandDeltasAfterAsync(StockBalanceDocument balance, DateTimeOffset countedAt, CancellationToken cancellationToken)
    {
        var countPrefix = $"{StockMovementKind.Count}|";
        var entries = await _entries.QueryAsync(
            balance.Pk,
            StockEntryDocument.DocumentType,
            "c.state = @state AND c.location = @location AND c.appliedAt > @after AND c.onHandDelta != 0 AND c.movement.kind != @count",
            "c.appliedAt DESC",
            [new("@state", nameof(StockEntryState.Applied)), new("@location", balance.Location), new("@after", CosmosValues.SortableUtc(countedAt)), new("@count", nameof(StockMovementKind.Count))],
            cancellationToken,
            StockMovementRules.MaxMovementsAfterCount + 1);
        var deltas = entries.ToDictionary(e => e.EntryId, e => e.OnHandDelta, StringComparer.Ordinal);
        foreach (var record in balance.Recent)
        {
            if (record is { Outcome: StockEntryState.Applied, OnHandDelta: not 0 } && record.At > countedAt && !record.EntryId.StartsWith(countPrefix, StringComparison.Ordinal))
            {
                deltas[record.EntryId] = record.OnHandDelta;
            }
        }

        return deltas.Values;
    }
}
