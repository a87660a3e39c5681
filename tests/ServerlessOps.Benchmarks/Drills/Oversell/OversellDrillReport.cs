using System.Globalization;
using ServerlessOps.Benchmarks.OrderFlow;

namespace ServerlessOps.Benchmarks.Drills.Oversell;

/// <summary>One app process's share: webhooks it acknowledged, and flows that ran on the control queues it owned.</summary>
internal sealed record AppShare(int App, int ProcessId, int Acknowledged, IReadOnlyList<int> Partitions, int Flows);

/// <summary>The drill's table and verdict: exactly the units reserved, every other order short with one alert, nothing lost or doubled.</summary>
internal sealed record OversellDrillReport(
    OversellDrillOptions Options,
    IReadOnlyList<OversellDelivery> Deliveries,
    TimeSpan SendTime,
    TimeSpan? SettleTime,
    OversellTruth Truth,
    IReadOnlyList<AppShare> Shares,
    int FlowsOnMovedPartitions,
    int OwnerChanges,
    string LoadBefore,
    string LoadAfter)
{
    public int Acknowledged => Deliveries.Count(d => d.Acknowledged);

    /// <summary>Acknowledged orders missing from the order truth or from the day's channel events, or whose flow never started: must be 0.</summary>
    public int Lost => Math.Max(Acknowledged - Truth.Stored, Truth.EventsPerDelivery.Never) + Truth.Undecided.GetValueOrDefault("no flow");

    /// <summary>Acknowledged orders whose flow exists but had decided neither way when the audit read it (still running at the deadline).</summary>
    public int Undecided => Truth.Undecided.Where(u => u.Key != "no flow").Sum(u => u.Value);

    public bool Passed =>
        Acknowledged == Options.Orders && Lost == 0 && Truth.ReservedTwice == 0 && Truth.ReservedAndShort == 0
        && Truth.Reserved == Options.ExpectedReserved && Truth.ReservedOrders == Options.ExpectedReserved && Truth.ShortReservations == Options.ExpectedShort
        && Undecided == 0 && Truth.OtherExceptions == 0 && Truth.LowestAvailable >= 0 && Truth.LowestOnHand >= 0 && Truth.BalanceMatchesEntries && !Truth.LedgerTruncated
        && Truth.StockShortAlerts.Total == Options.ExpectedShort && Truth.StockShortAlerts is { RaisedTwice: 0, WithoutOwner: 0, Unmatched: 0 }
        && Truth.EventsPerDelivery is { Twice: 0, Never: 0 }
        && Truth.Listings.Count == 4 && Truth.Listings.All(l => l.Quantity == Options.Units - Truth.Reserved && l.LastPushed == l.Quantity && !l.Pending)
        && Shares.All(s => s.Acknowledged > 0 && s.Flows > 0) && SettleTime is not null;

    public void Print()
    {
        static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var latency = Percentiles.Of(Deliveries.Where(d => d.Acknowledged).Select(d => d.AckMilliseconds));
        var statuses = string.Join(", ", Deliveries.GroupBy(d => d.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString(CultureInfo.InvariantCulture))} × {N(g.Count())}"));
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| drill | {N(Options.Orders)} one-unit orders ({N(Options.OrdersPerChannel)} per channel) for {N(Options.Units)} units of one SKU, {Options.Apps} app process(es) on one task hub and one Cosmos database, ≤ {Options.Concurrency} webhooks in flight |");
        Console.WriteLine($"| load average before / after | {LoadBefore} / {LoadAfter} |");
        Console.WriteLine($"| webhooks: last answers | {statuses}; {N(Deliveries.Sum(d => d.Refusals))} re-sent after a 503/429 or no answer; all sent in {SendTime.TotalSeconds:F1} s; ack p50/p99 {latency.P50:F0}/{latency.P99:F0} ms (re-sends included) |");
        foreach (var share in Shares)
        {
            Console.WriteLine($"| app {share.App + 1} (pid {share.ProcessId}) | {N(share.Acknowledged)} webhooks acknowledged; owned control queues [{string.Join(", ", share.Partitions)}], {N(share.Flows)} flows ran there |");
        }

        if (FlowsOnMovedPartitions > 0)
        {
            Console.WriteLine($"| control queue owner changes during the run (sampled every 2 s) | {OwnerChanges}; {N(FlowsOnMovedPartitions)} flows on those queues, counted for the last owner |");
        }

        Console.WriteLine($"| time to settle (first webhook sent → every flow decided, every listing pushed) | {(SettleTime is { } settle ? $"{settle.TotalSeconds:F0} s ({Options.Orders / settle.TotalSeconds:F1} orders/s)" : $"not within {Options.SettleSeconds} s")} |");
        Console.WriteLine($"| units reserved (must be {N(Options.ExpectedReserved)}) | {N(Truth.Reserved)} held by {N(Truth.ReservedOrders)} orders |");
        Console.WriteLine($"| short reservations (must be {N(Options.ExpectedShort)}) | {N(Truth.ShortReservations)}; other open exceptions {N(Truth.OtherExceptions)} |");
        Console.WriteLine($"| stock-short alerts | {N(Truth.StockShortAlerts.Total)}; raised more than once {Truth.StockShortAlerts.RaisedTwice}, without owner {Truth.StockShortAlerts.WithoutOwner}, not one per short order {Truth.StockShortAlerts.Unmatched} |");
        Console.WriteLine($"| **orders reserved twice** | **{Truth.ReservedTwice}** |");
        Console.WriteLine($"| orders both reserved and short | {Truth.ReservedAndShort} |");
        Console.WriteLine($"| **lost** (acknowledged, not stored, or no flow) | **{Lost}** |");
        Console.WriteLine($"| undecided at the audit (flow running, neither reserved nor short), by engine status and stage | {(Undecided == 0 ? "0" : string.Join(", ", Truth.Undecided.Where(u => u.Key != "no flow").Select(u => $"{u.Key} {N(u.Value)}")))} |");
        Console.WriteLine($"| acknowledged deliveries stored once / twice / never (channel events) | {N(Truth.EventsPerDelivery.Once)} / {Truth.EventsPerDelivery.Twice} / {Truth.EventsPerDelivery.Never}; orders found by the order route {N(Truth.Stored)} of {N(Acknowledged)} |");
        Console.WriteLine($"| ledger | {N(Truth.LedgerEntries)} entries{(Truth.LedgerTruncated ? " (route limit reached: totals not checked)" : string.Empty)}; on hand {N(Truth.OnHand)}, reserved {N(Truth.Reserved)}; balance {(Truth.BalanceMatchesEntries ? "=" : "≠")} sum of entries; lowest on hand {Truth.LowestOnHand}, lowest available {Truth.LowestAvailable} |");
        Console.WriteLine($"| listings: should show / last pushed | {string.Join(", ", Truth.Listings.Select(l => $"{l.Channel} {l.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "-"}/{l.LastPushed?.ToString(CultureInfo.InvariantCulture) ?? "-"}{(l.Pending ? " (pending)" : string.Empty)}"))} |");
        Console.WriteLine($"| verdict | {(Passed ? "passed" : "FAILED")} |");
    }
}
