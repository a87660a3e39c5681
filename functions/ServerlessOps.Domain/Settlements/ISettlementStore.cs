using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Paging;

namespace ServerlessOps.Domain.Settlements;

/// <summary>
/// Imported settlement lines per brand and channel account, keyed by transaction id, and each payout's latest
/// reconciliation. Writes are idempotent: the same transaction imported again is the same row.
/// </summary>
public interface ISettlementStore
{
    /// <summary>Stores the line unless its transaction id is already stored (then nothing changes); true when it was new.</summary>
    Task<bool> AddLineAsync(string brandId, SettlementLine line, DateTimeOffset importedAt, CancellationToken cancellationToken = default);

    /// <summary>Marks the line matched: its order is in the truth and holds its fee. Idempotent.</summary>
    Task MarkMatchedAsync(string brandId, SettlementLine line, DateTimeOffset matchedAt, CancellationToken cancellationToken = default);

    /// <summary>The account's lines that name an order the truth did not hold when they were last looked at.</summary>
    Task<IReadOnlyList<StoredSettlementLine>> ListPendingAsync(string brandId, SalesChannel channel, string accountId, CancellationToken cancellationToken = default);

    /// <summary>Every line of one payout of the account.</summary>
    Task<IReadOnlyList<SettlementLine>> ListPayoutLinesAsync(string brandId, SalesChannel channel, string accountId, string payoutId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the payout's reconciliation, replacing the previous one of the same payout. The payout keeps the place in
    /// the list it got when first stored, even if a later read moves its paid-at (see <see cref="ListReconciliationsAsync"/>).
    /// </summary>
    Task PutReconciliationAsync(string brandId, PayoutReconciliation reconciliation, DateTimeOffset checkedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the brand's payout reconciliations (only mismatches when <paramref name="mismatchesOnly"/>), latest
    /// payout first by the paid-at the payout was first stored with (ties by stored id, descending), one partition. Paged
    /// because a brand gets one per account per payout day and keeps them all.
    /// </summary>
    Task<Page<PayoutReconciliation>> ListReconciliationsAsync(string brandId, bool mismatchesOnly, PageRequest page, CancellationToken cancellationToken = default);
}
