using System.Globalization;
using ServerlessOps.Benchmarks.Drills.Faults;
using ServerlessOps.Benchmarks.OrderFlow;
using ServerlessOps.Testing.Faults;

namespace ServerlessOps.Benchmarks.Drills.Throttle;

/// <summary>The throttling drill's table: answers per fault window, what each proxy and channel saw retried, the dead-lettered work, the truth, the verdict.</summary>
internal sealed record ThrottleDrillReport(ThrottleDrillOptions Options, string LoadBefore, string LoadAfter)
{
    public int Orders { get; init; }

    public IReadOnlyCollection<DrillAttempt> Attempts { get; init; } = [];

    public IReadOnlyList<(string Name, TimeSpan Start, TimeSpan End)> Windows { get; init; } = [];

    public int Acknowledged { get; init; }

    public int AmazonAcknowledged { get; init; }

    /// <summary>Open Amazon quarantine entries when the dead-lettering settled (or at its deadline).</summary>
    public int Quarantined { get; init; }

    public TimeSpan? DeadLetteredAfter { get; init; }

    public QuietFigures Quiet { get; init; } = new(0, 0);

    /// <summary>The app's "delivery quarantined" warnings (event 4203), each an operator-visible record.</summary>
    public int QuarantineWarnings { get; init; }

    /// <summary>Acknowledged deliveries whose queue hand-off failed (event 4300), left to the stranded-delivery sweep.</summary>
    public int StrandedHandOffs { get; init; }

    /// <summary>Instance rows the engine left at Pending after a half-failed first commit, set to Running by the host (event 2111).</summary>
    public int PendingRowsRepaired { get; init; }

    /// <summary>The app's most frequent log entries.</summary>
    public string LogTop { get; init; } = string.Empty;

    /// <summary>TikTok order reads answered 500 (one path for every order, so not paired with their retries).</summary>
    public int TikTokFaults { get; init; }

    /// <summary>Times a channel account's circuit opened (event 4107).</summary>
    public int CircuitsOpened { get; init; }

    public int Replayed { get; init; }

    public int OpenAfterReplay { get; init; }

    public IReadOnlyDictionary<string, int> PoisonDepths { get; init; } = new Dictionary<string, int>();

    public TruthFigures Truth { get; init; } = new(0, 0, 0, 0, new Dictionary<string, int>());

    public TimeSpan? Drained { get; init; }

    public IReadOnlyList<(string Name, FaultProxyFigures Figures)> Proxies { get; init; } = [];

    public IReadOnlyList<(string Name, ChannelRetryGaps Gaps)> Channels { get; init; } = [];

    /// <summary>Lines the app logged at Error or Critical.</summary>
    public int ServerErrorLines { get; init; }

    /// <summary>The kinds of those entries, most frequent first, each with its first message.</summary>
    public IReadOnlyList<string> ServerErrorKinds { get; init; } = [];

    public int Lost => Acknowledged - Math.Min(Truth.Stored, Truth.Reserved);

    /// <summary>Webhook answers other than 2xx or 503: a throttled store must never surface as a 500 or a 4xx.</summary>
    public int WrongAnswers => Attempts.Count(a => a.Status != 0 && !a.Acknowledged && a.Status != 503);

    public int FlowsNotActive => Truth.FlowStages.Where(s => s.Key != "Running Active").Sum(s => s.Value);

    public bool Passed =>
        Lost == 0 && Truth.ReservedTwice == 0 && Truth.BalancesOff == 0 && WrongAnswers == 0 && FlowsNotActive == 0
        && DeadLetteredAfter is not null && Quarantined == AmazonAcknowledged && Quiet.OrderReads == 0
        && OpenAfterReplay == 0 && PoisonDepths.Values.Sum() == 0 && Drained is not null;

    public void Print()
    {
        static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0", CultureInfo.InvariantCulture);
        string Answers(IEnumerable<DrillAttempt> attempts)
        {
            var list = attempts.ToArray();
            var latency = Percentiles.Of(list.Where(a => a.Acknowledged).Select(a => a.Milliseconds));
            return $"{list.Length}: {list.Count(a => a.Acknowledged)} 2xx, {list.Count(a => a.Status == 503)} 503, "
                + $"{list.Count(a => a.Status != 0 && !a.Acknowledged && a.Status != 503)} other, {list.Count(a => a.Status == 0)} none; 2xx p50/p99 {Ms(latency.P50)}/{Ms(latency.P99)} ms";
        }

        var inLoad = Attempts.Where(a => !a.AfterLoad).ToArray();
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| drill | {Options.Rate} orders/s for {Options.Seconds} s, four channels, faults {Options.LowRate:P0} then {Options.HighRate:P0}, seed {Options.Seed}, Amazon pacing {(Options.PaceAmazon ? "on" : "off")} |");
        Console.WriteLine($"| load average before / after | {LoadBefore} / {LoadAfter} |");
        Console.WriteLine($"| orders / webhook attempts (channel re-sends included) | {Orders} / {Attempts.Count} |");
        Console.WriteLine($"| answers outside the fault windows | {Answers(inLoad.Where(a => !Windows.Any(w => a.SentAt >= w.Start && a.SentAt < w.End)))} |");
        foreach (var window in Windows)
        {
            Console.WriteLine($"| answers while {window.Name} ({(window.End - window.Start).TotalSeconds:F0} s) | {Answers(inLoad.Where(a => a.SentAt >= window.Start && a.SentAt < window.End))} |");
        }

        Console.WriteLine($"| answers to the channels' re-sends | {Answers(Attempts.Where(a => a.AfterLoad))} |");
        foreach (var (name, figures) in Proxies)
        {
            var faulted = string.Join(", ", figures.Faulted.Select(f => $"{f.Value} × {f.Key}"));
            Console.WriteLine($"| {name} proxy | {figures.Requests} requests; faulted {(faulted.Length == 0 ? "none" : faulted)}; retried by the SDK {figures.Retried} "
                + $"(after p50/p99/max {Ms(figures.RetryDelay(0.5))}/{Ms(figures.RetryDelay(0.99))}/{Ms(figures.RetryDelay(1))} ms), left to the caller {figures.NotRetried}; upstream failures {figures.UpstreamFailures} |");
        }

        foreach (var (name, gaps) in Channels)
        {
            Console.WriteLine($"| {name} | {gaps.Describe()} |");
        }

        Console.WriteLine($"| TikTok order reads (500 for the first 12 s) | {TikTokFaults} injected (one path for all orders: retries not paired) |");
        Console.WriteLine($"| channel circuits opened (event 4107) | {CircuitsOpened} |");
        Console.WriteLine($"| acknowledged orders | {Acknowledged} ({AmazonAcknowledged} Amazon) |");
        Console.WriteLine($"| Amazon deliveries dead-lettered (quarantine, open) | {Quarantined} of {AmazonAcknowledged}, {(DeadLetteredAfter is { } after ? $"all {after.TotalSeconds:F0} s after the load" : $"not all within {Options.SettleSeconds} s")}; {QuarantineWarnings} quarantine warnings logged |");
        Console.WriteLine($"| calls to Amazon in the 30 s after (order reads / all) | {Quiet.OrderReads} / {Quiet.AllCalls} |");
        Console.WriteLine($"| replayed once Amazon was back / still open after | {Replayed} / {OpenAfterReplay} |");
        Console.WriteLine($"| poison queues at the end | {(PoisonDepths.Count == 0 ? "none created" : string.Join(", ", PoisonDepths.Select(p => $"{p.Key} {p.Value}")))} |");
        Console.WriteLine($"| stored / reserved | {Truth.Stored} / {Truth.Reserved} |");
        Console.WriteLine($"| **lost** / **lines reserved twice** | **{Lost}** / **{Truth.ReservedTwice}** |");
        Console.WriteLine($"| balances differing from their entries | {Truth.BalancesOff} |");
        Console.WriteLine($"| webhook answers other than 2xx or 503 | {WrongAnswers} |");
        Console.WriteLine($"| flows by engine status and stage | {string.Join(", ", Truth.FlowStages.Select(s => $"{s.Key} {s.Value}"))} |");
        Console.WriteLine($"| engine rows left Pending after a half-failed first commit, set to Running (event 2111) | {PendingRowsRepaired} |");
        Console.WriteLine($"| drained after the replay | {(Drained is { } drain ? $"{drain.TotalSeconds:F0} s" : $"not within {Options.DrainSeconds} s")} |");
        Console.WriteLine($"| acknowledged deliveries whose queue hand-off failed (left to the stranded sweep) | {StrandedHandOffs} |");
        Console.WriteLine($"| app entries at Error or Critical | {ServerErrorLines} |");
        foreach (var kind in ServerErrorKinds)
        {
            Console.WriteLine($"| - by kind | {kind.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        Console.WriteLine($"| app's most frequent log entries | {LogTop} |");
        Console.WriteLine($"| verdict | {(Passed ? "passed" : "FAILED")} |");
    }
}
