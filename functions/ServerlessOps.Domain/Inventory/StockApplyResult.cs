namespace ServerlessOps.Domain.Inventory;

/// <summary>The outcome of one movement and the balance after it (or as it stood, when nothing was applied).</summary>
public sealed record StockApplyResult(StockMovement Movement, StockApplyOutcome Outcome, StockBalance Balance);
