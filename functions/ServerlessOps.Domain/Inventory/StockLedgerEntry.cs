namespace ServerlessOps.Domain.Inventory;

/// <summary>A movement as the ledger recorded it: the change it made to on hand and reserved, and when.</summary>
/// <param name="Movement">The movement, as requested.</param>
/// <param name="OnHandDelta">What it added to on hand (negative for commits, counts below the old figure...).</param>
/// <param name="ReservedDelta">What it added to reserved.</param>
/// <param name="AppliedAt">When the balance took it.</param>
public sealed record StockLedgerEntry(StockMovement Movement, int OnHandDelta, int ReservedDelta, DateTimeOffset AppliedAt)
{
    /// <summary>The movement asked for more than the balance held and was cut to it (see <see cref="StockDecision.Clamped"/>).</summary>
    public bool Clamped { get; init; }
}
