using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>
/// Decides the stock movements that bring the ledger in line with an order's truth, from what the flow already moved
/// (<see cref="LineLedger"/>). Pure. Per line, in this order:
/// <list type="number">
/// <item>newly shipped units (shipped − committed) are committed, first reserving any the line does not hold (an order
/// first seen already shipped) with <see cref="StockMovementKind.ReserveShipped"/>, which is never refused: the commit
/// then only ever takes units this line holds, never those another order holds;</item>
/// <item>what the line holds is brought to its open units (ordered − cancelled − shipped; zero when
/// <c>holdStock</c> is false: compensation, or the end): a release of the surplus or a reservation of the shortfall;</item>
/// <item>newly returned units are put back on hand when the brand restocks returns.</item>
/// </list>
/// Each movement's cause names the order, the line, the kind and the cumulative range it covers (<see cref="Cause"/>), so the same decision always makes the same ledger entries and a
/// later one never reuses a cause, however often activities are retried or the orchestrator replayed.
/// </summary>
public static class OrderStockPlan
{
    public static IReadOnlyList<PlannedMovement> Plan(
        string brandId,
        string orderId,
        IReadOnlyList<FlowOrderLine> lines,
        IReadOnlyDictionary<string, LineLedger> moved,
        IReadOnlyDictionary<string, FlowCatalogLine> catalog,
        bool holdStock,
        bool restockOnReturn,
        int attempt = 1)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(moved);
        ArgumentNullException.ThrowIfNull(catalog);
        var movements = new List<PlannedMovement>();
        foreach (var line in lines)
        {
            if (!catalog.TryGetValue(line.Sku, out var item))
            {
                continue;
            }

            var ledger = moved.GetValueOrDefault(line.LineId) ?? new LineLedger();
            var held = ledger.Held;
            var reserved = ledger.Reserved;
            var released = ledger.Released;
            PlannedMovement Move(StockMovementKind kind, int from, int to) =>
                new(line.LineId, new StockMovement(brandId, item.Sku, item.StockLocation, kind, to - from, Cause(orderId, line.LineId, kind, from, to, attempt))
                {
                    Actor = "order-flow",
                });

            var toCommit = line.Shipped - ledger.Committed;
            if (toCommit > 0)
            {
                if (held < toCommit)
                {
                    // Not a Reserve: one refused beside a commit applied would leave the commit taking other orders' units.
                    movements.Add(Move(StockMovementKind.ReserveShipped, reserved, reserved + (toCommit - held)));
                    reserved += toCommit - held;
                    held = toCommit;
                }

                movements.Add(Move(StockMovementKind.Commit, ledger.Committed, line.Shipped));
                held -= toCommit;
            }

            var open = holdStock ? line.Open : 0;
            if (held > open)
            {
                movements.Add(Move(StockMovementKind.Release, released, released + (held - open)));
            }
            else if (held < open)
            {
                movements.Add(Move(StockMovementKind.Reserve, reserved, reserved + (open - held)));
            }

            if (restockOnReturn && line.Returned > ledger.Returned)
            {
                movements.Add(Move(StockMovementKind.Return, ledger.Returned, line.Returned));
            }
        }

        return movements;
    }

    /// <summary>
    /// <c>order:{orderId}:{lineId}:{kind}:{from}-{to}</c>; a reservation also names the attempt (<c>:a2</c>), because the
    /// ledger keeps a refused cause refused: after a short reservation and a retry the same range is asked again, under
    /// a new cause.
    /// </summary>
    public static string Cause(string orderId, string lineId, StockMovementKind kind, int from, int to, int attempt) =>
        kind == StockMovementKind.Reserve
            ? $"order:{orderId}:{lineId}:reserve:{from}-{to}:a{attempt}"
            : $"order:{orderId}:{lineId}:{kind.ToString().ToLowerInvariant()}:{from}-{to}";

    /// <summary>Adds <paramref name="applied"/> movements (those the ledger took now or earlier) to the lines' totals.</summary>
    public static void Record(Dictionary<string, LineLedger> moved, IEnumerable<PlannedMovement> applied)
    {
        ArgumentNullException.ThrowIfNull(moved);
        ArgumentNullException.ThrowIfNull(applied);
        foreach (var (lineId, movement) in applied)
        {
            var ledger = moved.GetValueOrDefault(lineId) ?? new LineLedger();
            moved[lineId] = movement.Kind switch
            {
                StockMovementKind.Reserve or StockMovementKind.ReserveShipped => ledger with { Reserved = ledger.Reserved + movement.Quantity },
                StockMovementKind.Release => ledger with { Released = ledger.Released + movement.Quantity },
                StockMovementKind.Commit => ledger with { Committed = ledger.Committed + movement.Quantity },
                StockMovementKind.Return => ledger with { Returned = ledger.Returned + movement.Quantity },
                _ => ledger,
            };
        }
    }
}

/// <summary>A movement the flow decided for one of its order's lines.</summary>
public sealed record PlannedMovement(string LineId, StockMovement Movement);
