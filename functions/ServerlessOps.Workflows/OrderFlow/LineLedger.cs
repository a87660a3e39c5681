namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>
/// Units one order line has moved in the ledger so far, per kind, cumulative: the flow's memory of what it did, from
/// which every next movement's cause is derived (<see cref="OrderStockPlan"/>), so a cause is never reused.
/// <see cref="Reserved"/> counts both kinds of reservation: open units held, and shipped units the line did not hold
/// (<see cref="Domain.Inventory.StockMovementKind.ReserveShipped"/>).
/// </summary>
public sealed record LineLedger(int Reserved = 0, int Released = 0, int Committed = 0, int Returned = 0)
{
    /// <summary>Units this line holds now: reserved − released − committed, never below zero.</summary>
    public int Held => Math.Max(0, Reserved - Released - Committed);
}
