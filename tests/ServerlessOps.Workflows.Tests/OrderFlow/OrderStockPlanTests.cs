using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Workflows.Tests.OrderFlow;

public sealed class OrderStockPlanTests
{
    private static readonly Dictionary<string, FlowCatalogLine> Catalog = new(StringComparer.Ordinal)
    {
        ["CH-A"] = new FlowCatalogLine("SKU-A", "wh-1", false, null, "USD", null, 5m),
    };

    [Fact]
    public void Plan_NewOrder_ReservesOpenUnitsAtTheLinesLocation()
    {
        var plan = Plan([Line(quantity: 3)], []);

        var move = Assert.Single(plan).Movement;
        Assert.Equal((StockMovementKind.Reserve, 3, "SKU-A", "wh-1"), (move.Kind, move.Quantity, move.Sku, move.Location));
        Assert.Equal("order:shopify:1:L1:reserve:0-3:a1", move.Cause);
    }

    [Fact]
    public void Plan_Shipped_CommitsOnlyTheNewlyShippedUnits()
    {
        var plan = Plan([Line(quantity: 3, shipped: 3)], Moved(new LineLedger(Reserved: 3, Committed: 1)));

        var move = Assert.Single(plan).Movement;
        Assert.Equal((StockMovementKind.Commit, 2, "order:shopify:1:L1:commit:1-3"), (move.Kind, move.Quantity, move.Cause));
    }

    [Fact]
    public void Plan_PartlyCancelled_ReleasesTheCancelledUnits()
    {
        var plan = Plan([Line(quantity: 3, cancelled: 1)], Moved(new LineLedger(Reserved: 3)));

        var move = Assert.Single(plan).Movement;
        Assert.Equal((StockMovementKind.Release, 1, "order:shopify:1:L1:release:0-1"), (move.Kind, move.Quantity, move.Cause));
    }

    [Fact]
    public void Plan_FirstSeenAlreadyShipped_ReservesTheShippedUnitsUnrefusablyThenCommits()
    {
        var plan = Plan([Line(quantity: 2, shipped: 2)], []);

        Assert.Equal(
            [(StockMovementKind.ReserveShipped, 2, "order:shopify:1:L1:reserveshipped:0-2"), (StockMovementKind.Commit, 2, "order:shopify:1:L1:commit:0-2")],
            plan.Select(p => (p.Movement.Kind, p.Movement.Quantity, p.Movement.Cause)));
    }

    /// <summary>
    /// The ledger's Commit takes min(q, reserved) off reserved, whoever holds it. A line shipped beyond what it holds
    /// (its reservation refused, then shipped anyway) must reserve the rest with a reservation the ledger never refuses:
    /// a refusable one, refused beside the Commit applied, would have the Commit take units other orders hold.
    /// </summary>
    [Fact]
    public void Plan_ShippedAfterItsReservationWasRefused_ReservesOnlyTheUnheldUnitsUnrefusablyThenCommits()
    {
        var plan = Plan([Line(quantity: 3, shipped: 3)], Moved(new LineLedger(Reserved: 1)), attempt: 2);

        Assert.Equal(
            [(StockMovementKind.ReserveShipped, 2, "order:shopify:1:L1:reserveshipped:1-3"), (StockMovementKind.Commit, 3, "order:shopify:1:L1:commit:0-3")],
            plan.Select(p => (p.Movement.Kind, p.Movement.Quantity, p.Movement.Cause)));
    }

    [Fact]
    public void Plan_Returned_RestocksOnlyWhenThePolicySays()
    {
        var moved = Moved(new LineLedger(Reserved: 2, Committed: 2));

        Assert.Empty(Plan([Line(quantity: 2, shipped: 2, returned: 1)], moved, restock: false));
        var move = Assert.Single(Plan([Line(quantity: 2, shipped: 2, returned: 1)], moved, restock: true)).Movement;
        Assert.Equal((StockMovementKind.Return, 1), (move.Kind, move.Quantity));
    }

    [Fact]
    public void Plan_UnmappedSku_MovesNothingForThatLine()
    {
        Assert.Empty(Plan([Line(quantity: 1) with { Sku = "UNKNOWN" }], []));
    }

    [Fact]
    public void Plan_Compensation_ReleasesEverythingHeld()
    {
        var plan = Plan([Line(quantity: 4, shipped: 1)], Moved(new LineLedger(Reserved: 4, Committed: 1)), hold: false);

        var move = Assert.Single(plan).Movement;
        Assert.Equal((StockMovementKind.Release, 3), (move.Kind, move.Quantity));
    }

    [Fact]
    public void Plan_RetryAfterShortReservation_AsksAgainUnderANewCause()
    {
        var first = Assert.Single(Plan([Line(quantity: 1)], [], attempt: 1)).Movement;
        var second = Assert.Single(Plan([Line(quantity: 1)], [], attempt: 2)).Movement;

        Assert.NotEqual(first.EntryId, second.EntryId);
    }

    /// <summary>
    /// Whatever sequence of truths the flow sees (units only ever shipped, cancelled or returned more), applying each
    /// plan leaves the line holding exactly its open units, having committed exactly what shipped, and never reusing a cause.
    /// </summary>
    [Property]
    public Property Plan_AnySequenceOfChanges_HoldsOpenUnitsCommitsShippedAndNeverReusesACause(PositiveInt quantity, int[] steps)
    {
        var q = quantity.Get % 20 + 1;
        var moved = new Dictionary<string, LineLedger>(StringComparer.Ordinal);
        var causes = new HashSet<string>(StringComparer.Ordinal);
        var (shipped, cancelled, returned) = (0, 0, 0);
        var reused = false;
        var initial = Plan([Line(q)], moved);
        causes.UnionWith(initial.Select(p => p.Movement.EntryId));
        OrderStockPlan.Record(moved, initial);
        foreach (var step in (steps ?? []).Take(30))
        {
            switch (Math.Abs(step % 3))
            {
                case 0 when shipped + cancelled < q: shipped++; break;
                case 1 when shipped + cancelled < q: cancelled++; break;
                case 2 when returned < shipped: returned++; break;
            }

            var plan = Plan([Line(q, shipped, cancelled, returned)], moved, restock: true);
            reused |= plan.Any(p => !causes.Add(p.Movement.EntryId));
            OrderStockPlan.Record(moved, plan);
        }

        var final = moved.GetValueOrDefault("L1") ?? new LineLedger();
        return (!reused && final.Held == q - shipped - cancelled && final.Committed == shipped && final.Returned == returned).ToProperty();
    }

    /// <summary>
    /// Whatever sequence of truths the flow sees, and whichever of its reservations the ledger refuses, no Commit ever
    /// asks for more than the line holds when it is applied: a Commit only takes units this line reserved.
    /// </summary>
    [Property]
    public Property Plan_AnySequenceOfChangesWithAnyReservationRefused_NeverCommitsMoreThanTheLineHolds(PositiveInt quantity, int[] steps, bool[] refusals)
    {
        var q = quantity.Get % 20 + 1;
        var moved = new Dictionary<string, LineLedger>(StringComparer.Ordinal);
        var (shipped, cancelled, attempt, asked) = (0, 0, 1, 0);
        var overCommitted = false;
        var changes = (steps ?? []).Take(30).ToList();
        for (var i = -1; i < changes.Count; i++)
        {
            // -1: the first look, before anything shipped or was cancelled.
            if (i >= 0 && shipped + cancelled < q)
            {
                _ = changes[i] % 2 == 0 ? shipped++ : cancelled++;
            }

            var held = (moved.GetValueOrDefault("L1") ?? new LineLedger()).Held;
            var applied = new List<PlannedMovement>();
            foreach (var planned in Plan([Line(q, shipped, cancelled)], moved, attempt: attempt))
            {
                var refused = planned.Movement.Kind == StockMovementKind.Reserve && refusals is { Length: > 0 } && refusals[asked++ % refusals.Length];
                if (refused)
                {
                    attempt++;
                    continue;
                }

                held += planned.Movement.Kind switch
                {
                    StockMovementKind.Reserve or StockMovementKind.ReserveShipped => planned.Movement.Quantity,
                    StockMovementKind.Release or StockMovementKind.Commit => -planned.Movement.Quantity,
                    _ => 0,
                };
                overCommitted |= held < 0;
                applied.Add(planned);
            }

            OrderStockPlan.Record(moved, applied);
        }

        var final = moved.GetValueOrDefault("L1") ?? new LineLedger();
        return (!overCommitted && final.Committed == shipped).ToProperty();
    }

    private static IReadOnlyList<PlannedMovement> Plan(
        IReadOnlyList<FlowOrderLine> lines, Dictionary<string, LineLedger> moved, bool hold = true, bool restock = true, int attempt = 1) =>
        OrderStockPlan.Plan("acme", "shopify:1", lines, moved, Catalog, hold, restock, attempt);

    private static FlowOrderLine Line(int quantity, int shipped = 0, int cancelled = 0, int returned = 0) =>
        new("L1", "CH-A", quantity, shipped, cancelled, returned, 10m, 0m, 0m);

    private static Dictionary<string, LineLedger> Moved(LineLedger ledger) => new(StringComparer.Ordinal) { ["L1"] = ledger };
}
