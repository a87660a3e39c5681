using Microsoft.DurableTask;
using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Workflows.OrderFlow.Activities;

/// <summary>
/// Applies an order's movements to the inventory ledger in the order given, one batch per decision (all its lines at
/// once), and answers each one's outcome. Runs at least once: every movement is keyed by its cause
/// (<see cref="StockMovement.EntryId"/>), so a retry finds what the first attempt applied <see cref="StockApplyOutcome.AlreadyApplied"/>.
/// A reservation beyond what is available is <see cref="StockApplyOutcome.Insufficient"/> (never below zero), shipped
/// units reserved beyond it <see cref="StockApplyOutcome.ShippedBeyondAvailable"/>; the flow decides what follows.
/// </summary>
public sealed class ApplyStockMovementsActivity(IInventoryLedgerStore ledger) : TaskActivity<IReadOnlyList<StockMovement>, IReadOnlyList<StockApplyOutcome>>
{
    public override async Task<IReadOnlyList<StockApplyOutcome>> RunAsync(TaskActivityContext context, IReadOnlyList<StockMovement> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcomes = new List<StockApplyOutcome>(input.Count);
        foreach (var movement in input)
        {
            var result = await ledger.ApplyAsync(movement, CancellationToken.None);
            outcomes.Add(IsShippedBeyondAvailable(result) ? StockApplyOutcome.ShippedBeyondAvailable : result.Outcome);
        }

        return outcomes;
    }

    /// <summary>
    /// Shipped units whose reservation left more reserved than on hand. Read from the balance after, so a retry that
    /// finds the movement already applied still tells the flow while the shortage lasts.
    /// </summary>
    private static bool IsShippedBeyondAvailable(StockApplyResult result) =>
        result.Movement.Kind == StockMovementKind.ReserveShipped
        && result.Outcome is StockApplyOutcome.Applied or StockApplyOutcome.AlreadyApplied
        && result.Balance.Reserved > result.Balance.OnHand;
}
