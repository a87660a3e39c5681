namespace ServerlessOps.Domain.Inventory;

/// <summary>What applying a <see cref="StockMovement"/> did.</summary>
public enum StockApplyOutcome
{
    /// <summary>This call applied it.</summary>
    Applied,

    /// <summary>An earlier call (a retry's first attempt, a replay) applied it; nothing changed now.</summary>
    AlreadyApplied,

    /// <summary>A reservation for more than is available: nothing changed; the caller takes the exception path.</summary>
    Insufficient,
}
