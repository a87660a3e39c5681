using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Infrastructure.Inventory;

/// <summary>
/// A decision a balance document holds in <see cref="StockBalanceDocument.Recent"/>: which entry it took (or refused),
/// with the deltas, so whoever finds the entry still pending can finish it with the balance's own numbers.
/// </summary>
public sealed class StockDecisionRecord
{
    /// <summary>The movement's <see cref="StockMovement.EntryId"/> (unescaped).</summary>
    public required string EntryId { get; init; }

    /// <summary><see cref="StockEntryState.Applied"/> or <see cref="StockEntryState.Refused"/>.</summary>
    public required StockEntryState Outcome { get; init; }

    public int OnHandDelta { get; init; }

    public int ReservedDelta { get; init; }

    public bool Clamped { get; init; }

    /// <summary>When the balance took the decision.</summary>
    public required DateTimeOffset At { get; init; }
}
