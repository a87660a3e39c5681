using System.Globalization;
using ServerlessOps.Benchmarks.OrderFlow;

namespace ServerlessOps.Benchmarks.Drills.Faults;

/// <summary>The drill's table: what was sent and answered around each fault, what the truth holds, and the verdict.</summary>
internal sealed record FaultDrillReport(
    FaultDrillOptions Options,
    int Orders,
    IReadOnlyCollection<DrillAttempt> Attempts,
    IReadOnlyList<FaultWindow> Faults,
    TimeSpan LoadStart,
    TimeSpan LoadEnd,
    int Acknowledged,
    TruthFigures Truth,
    TimeSpan? Drain,
    string LoadBefore,
    string LoadAfter)
{
    /// <summary>Orders acknowledged but missing from the truth or never reserved: must be 0.</summary>
    public int Lost => Acknowledged - Math.Min(Truth.Stored, Truth.Reserved);

    /// <summary>Answers that were neither 2xx nor 503 (a 500, a 4xx): the edge must refuse what it cannot store with 503 only.</summary>
    public int WrongAnswers => Attempts.Count(a => a.Status != 0 && !a.Acknowledged && a.Status != 503);

    public int FlowsNotActive => Truth.FlowStages.Where(s => s.Key != "Running Active").Sum(s => s.Value);

    public bool Passed => Lost == 0 && Truth.ReservedTwice == 0 && Truth.BalancesOff == 0 && WrongAnswers == 0 && FlowsNotActive == 0 && Drain is not null;

    public void Print()
    {
        static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0", CultureInfo.InvariantCulture);
        bool During(DrillAttempt a) => Faults.Any(f => a.SentAt >= f.Start && a.SentAt < f.End);
        string Answers(IEnumerable<DrillAttempt> attempts)
        {
            var list = attempts.ToArray();
            var latency = Percentiles.Of(list.Where(a => a.Acknowledged).Select(a => a.Milliseconds));
            return $"{list.Length} sent: {list.Count(a => a.Acknowledged)} 2xx, {list.Count(a => a.Status == 503)} 503, "
                + $"{list.Count(a => a.Status != 0 && !a.Acknowledged && a.Status != 503)} other, {list.Count(a => a.Status == 0)} no answer; 2xx p50/p99 {Ms(latency.P50)}/{Ms(latency.P99)} ms";
        }

        var inLoad = Attempts.Where(a => !a.AfterLoad).ToArray();
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| drill | {Options.Fault}, {Options.Rate} orders/s for {Options.Seconds} s, four channels, seed {Options.Seed} |");
        Console.WriteLine($"| load average before / after | {LoadBefore} / {LoadAfter} |");
        Console.WriteLine($"| orders sent / webhook attempts (channel re-sends included) | {Orders} / {Attempts.Count} |");
        Console.WriteLine($"| answers outside faults | {Answers(inLoad.Where(a => !During(a)))} |");
        Console.WriteLine($"| answers during faults | {Answers(inLoad.Where(During))} |");
        Console.WriteLine($"| answers to the channels' re-sends | {Answers(Attempts.Where(a => a.AfterLoad))} |");
        foreach (var fault in Faults)
        {
            var firstAck = Attempts.Where(a => a.Acknowledged && a.SentAt >= fault.Start).Select(a => a.SentAt + TimeSpan.FromMilliseconds(a.Milliseconds)).DefaultIfEmpty(TimeSpan.MaxValue).Min();
            var recovery = firstAck == TimeSpan.MaxValue ? "never" : $"{(firstAck - fault.Start).TotalSeconds:F1} s";
            Console.WriteLine($"| {fault.Name} at {(fault.Start - LoadStart).TotalSeconds:F1} s | lasted {(fault.End - fault.Start).TotalSeconds:F1} s; first 2xx {recovery} after it began |");
        }

        Console.WriteLine($"| acknowledged orders (2xx at least once) | {Acknowledged} |");
        Console.WriteLine($"| stored in the order truth | {Truth.Stored} |");
        Console.WriteLine($"| reserved | {Truth.Reserved} |");
        Console.WriteLine($"| **lost** (acknowledged, not stored or not reserved) | **{Lost}** |");
        Console.WriteLine($"| **lines reserved twice** | **{Truth.ReservedTwice}** |");
        Console.WriteLine($"| balances differing from the sum of their entries | {Truth.BalancesOff} |");
        Console.WriteLine($"| answers other than 2xx or 503 | {WrongAnswers} |");
        Console.WriteLine($"| flows by engine status and stage | {string.Join(", ", Truth.FlowStages.Select(s => $"{s.Key} {s.Value}"))} |");
        Console.WriteLine($"| backlog drained after the last fault ended | {(Drain is { } drain ? $"{drain.TotalSeconds:F0} s" : $"not within {Options.DrainSeconds} s")} |");
        Console.WriteLine($"| verdict | {(Passed ? "passed" : "FAILED")} |");
    }
}
