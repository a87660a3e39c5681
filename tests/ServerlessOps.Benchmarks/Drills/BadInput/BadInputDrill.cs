using System.Diagnostics;
using System.Globalization;
using ServerlessOps.Testing.BadInput;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Benchmarks.Drills.BadInput;

/// <summary>
/// Drill 4 of issue 18, bad input: the function app as its own process on loopback (Azurite, the Cosmos server, a stub
/// marketplace holding the samples' orders), sent a bounded, seeded corpus of mutated deliveries on all four channels'
/// webhook routes and mutated files on every import route (<see cref="BadInputCorpus"/>), header injection over raw
/// connections. Once every acknowledged delivery has a final outcome, the truth is audited through the app's read routes
/// (<see cref="BadInputAudit"/>) and a table per target is printed. Exit code 0 only when there is no 5xx, no partial write,
/// nothing unsettled or unanswered, and every case with a required status got it.
/// </summary>
internal static class BadInputDrill
{
    private const int MaxWebhookBytes = 1024 * 1024;
    private const int MaxImportBytes = 8 * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BadInputDrillOptions.Parse(args);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var accounts = DrillStack.Accounts;
        Console.WriteLine($"starting emulators, the stub marketplace and the function app (loopback only; seed {options.Seed})");
        await using var stack = await DrillStack.StartAsync(
            (settings, _) =>
            {
                settings["Logging:LogLevel:Default"] = "Warning";

                // As the test fixture: channel calls retry once, quickly, so poison handling and quarantine finish within
                // the drill instead of the production hours.
                foreach (var channel in new[] { "Amazon", "Walmart", "TikTokShop" })
                {
                    settings[$"Channels:{channel}:RetryBaseDelayMilliseconds"] = "50";
                    settings[$"Channels:{channel}:MaxRetries"] = "1";
                }
            },
            onOutputLine: null,
            stop.Token);
        var app = stack.App;
        var firstDay = DateOnly.FromDateTime(DateTime.UtcNow);
        var corpus = BadInputCorpus.Generate(accounts, new BadInputCorpusOptions(options.PerChannel, options.FilesPerSeed, options.Seed, DateTimeOffset.UtcNow, MaxWebhookBytes, MaxImportBytes));
        Console.WriteLine($"sending {corpus.Count} requests ({options.Concurrency} in flight)");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency };
        using var http = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        // The import routes and the audit's reads need the operator's key, as the test's client carries it; the webhook
        // routes ignore it (they authenticate the channel's own way).
        http.DefaultRequestHeaders.Add(LocalStackSettings.ApiKeyHeader, LocalStackSettings.ApiKey);
        await BadInputSender.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(60), stop.Token);
        var clock = Stopwatch.StartNew();
        var answers = await BadInputSender.SendAsync(http, corpus, options.Concurrency, rawConnections: true, stop.Token);
        var sent = clock.Elapsed;
        Console.WriteLine($"sent in {sent.TotalSeconds:0.0} s; waiting for every acknowledged delivery to reach a final outcome, then auditing the truth");
        var tallies = await new BadInputAudit(http, accounts).AuditAsync(answers, firstDay, TimeSpan.FromMinutes(6), stop.Token);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bad-input drill, seed {options.Seed}: {corpus.Count} requests sent in {sent.TotalSeconds:0.0} s, settled and audited in {(clock.Elapsed - sent).TotalSeconds:0.0} s"));
        Console.WriteLine(BadInputTally.Table(tallies));
        foreach (var finding in tallies.SelectMany(t => t.Findings.Select(f => $"{t.Target}: {f}")).Take(25))
        {
            Console.WriteLine("  " + finding);
        }

        var passed = tallies.All(t => t.Passed);
        Console.WriteLine(passed ? "PASSED: no 5xx, no partial write, every call refused, quarantined or stored whole" : $"FAILED; the function app's last output:{Environment.NewLine}{app.RecentOutput}");
        return passed ? 0 : 1;
    }
}
