namespace ServerlessOps.Domain.Inventory;

/// <summary>
/// A movement's cause and kind name a ledger entry already recorded for another movement (another location or
/// quantity): the cause was reused for something else, so neither is applied twice and the new one is not applied at
/// all. A caller bug or a reused idempotency key, never a race.
/// </summary>
public sealed class StockMovementConflictException : Exception
{
    public StockMovementConflictException(string message)
        : base(message)
    {
    }

    public StockMovementConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StockMovementConflictException()
    {
    }

    /// <summary>The movement as the ledger recorded it under the cause.</summary>
    public StockMovement? Recorded { get; init; }
}
