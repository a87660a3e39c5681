namespace ServerlessOps.Functions.Api.Stock;

/// <summary>What an adjustment did: <c>Applied</c> now, or <c>AlreadyApplied</c> by an earlier request with the same key.</summary>
/// <param name="EntryId">The ledger entry, <c>{Kind}|api:{Idempotency-Key}</c>.</param>
/// <param name="Balance">The location's balance after it (as it stands, for a repeat).</param>
public sealed record StockAdjustmentView(string Outcome, string EntryId, StockBalanceView Balance);
