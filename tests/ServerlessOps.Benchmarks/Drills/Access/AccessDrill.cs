using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ServerlessOps.Testing;
using ServerlessOps.Testing.Access;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.StubMarketplace;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Benchmarks.Drills.Access;

/// <summary>
/// Drill 5 of issue 18, access: the function app as its own process on loopback (Azurite, the Cosmos server, a stub
/// marketplace holding the samples' orders) with API keys drawn for the run. It sends the four channels' sample orders
/// (buyer names, addresses and e-mails in them), sweeps every route of the catalogue as it must be refused
/// (<see cref="AccessSweep"/>), performs each human action it can set up once and again as a retry
/// (<see cref="AccessActions"/>; a held push is first caused by a stock count that zeroes many listings, so that its
/// confirmation is refused and performed while there is something to release), reads the audit route, and scans everything the app wrote to stdout and stderr, and every
/// answer it gave, for the run's channel secrets and tokens, its API keys and the samples' buyer data. Exit code 0 only
/// when nothing was wrongly allowed, every performed action has exactly one audit entry and nothing leaked.
/// </summary>
internal static class AccessDrill
{
    public static async Task<int> RunAsync(string[] args)
    {
        _ = args;
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var accounts = DrillStack.Accounts;
        var keys = new AccessKeys();
        var output = new ConcurrentQueue<string>();
        Console.WriteLine("starting emulators, the stub marketplace and the function app (loopback only)");
        await using var stack = await DrillStack.StartAsync(
            (settings, marketplace) =>
            {
                keys.AddTo(settings);

                // Our apps on the marketplaces as the stub knows them, so an admin can start connecting an account.
                foreach (var (key, value) in StubApps.Default.Settings(marketplace.BaseUrl))
                {
                    settings[key] = value;
                }

                // Everything the app logs at Information and above, as it would in production, is captured and scanned.
                settings["Logging:LogLevel:Default"] = "Information";
            },
            output.Enqueue,
            stop.Token);
        var app = stack.App;
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var answers = new List<string>();
        var clock = Stopwatch.StartNew();

        Console.WriteLine("sending the four channels' sample orders");
        foreach (var webhook in SampleOrders(accounts))
        {
            using var request = webhook.ToRequest(http.BaseAddress!);
            using var response = await http.SendAsync(request, stop.Token);
            answers.Add(await response.Content.ReadAsStringAsync(stop.Token));
        }

        Console.WriteLine("sweeping every route with no credential, the wrong role, another brand and other channels' authentication");
        var tallies = await new AccessSweep(http, keys, accounts, answers).RunAsync(stop.Token);
        Console.WriteLine("performing the human actions, each twice, and reading the audit");
        var actions = new AccessActions(http, keys, accounts, stack.Marketplace, answers);
        await actions.RunAsync(tallies, stop.Token);
        await actions.CheckAuditAsync(tallies, stop.Token);

        // Let the processing of what was sent finish writing its logs before the scan.
        await Task.Delay(TimeSpan.FromSeconds(5), stop.Token);
        var leaks = Scan(output, answers, accounts, keys, actions.Secrets);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"access drill: {clock.Elapsed.TotalSeconds:0.0} s, {output.Count} output lines and {answers.Count} answers scanned for {Secrets(accounts, keys, actions.Secrets).Count} secrets and {PersonalData().Count} buyer values"));
        Console.WriteLine(AccessTally.Table(tallies.Values, leaks.Count));
        foreach (var finding in tallies.Values.SelectMany(t => t.Findings).Concat(leaks).Take(25))
        {
            Console.WriteLine("  " + finding);
        }

        foreach (var performed in actions.Performed)
        {
            Console.WriteLine("  performed: " + performed);
        }

        foreach (var note in actions.Notes)
        {
            Console.WriteLine("  " + note);
        }

        foreach (var skipped in actions.NotPerformed)
        {
            Console.WriteLine("  not performed: " + skipped);
        }

        var passed = leaks.Count == 0 && tallies.Values.All(t => t.WronglyAllowed == 0 && t.Findings.Count == 0);
        Console.WriteLine(passed ? "PASSED" : "FAILED");
        return passed ? 0 : 1;
    }

    private static SignedWebhook[] SampleOrders(ScenarioAccounts accounts) =>
    [
        accounts.Sign(Domain.Channels.SalesChannel.Shopify, ChannelSamples.Bytes("shopify-orders-create.json"), Guid.NewGuid().ToString(), "orders/create"),
        accounts.Sign(Domain.Channels.SalesChannel.Amazon, ChannelSamples.Bytes("amazon-pipe-order-change.json"), Guid.NewGuid().ToString()),
        accounts.Sign(Domain.Channels.SalesChannel.Walmart, ChannelSamples.Bytes("walmart-po-created.json"), Guid.NewGuid().ToString(), at: DateTimeOffset.UtcNow),
        accounts.Sign(Domain.Channels.SalesChannel.TikTokShop, ChannelSamples.Bytes("tiktok-order-status-change.json"), Guid.NewGuid().ToString()),
    ];

    /// <param name="entered">The secrets the human actions entered or rotated in, drawn for the run.</param>
    private static List<string> Secrets(ScenarioAccounts accounts, AccessKeys keys, IEnumerable<string> entered) =>
    [
        accounts.ShopifySecret, accounts.AmazonSecret, accounts.WalmartSecret, accounts.TikTokAppSecret, accounts.ShopifyAccessToken,
        accounts.AmazonAccessToken, accounts.WalmartAccessToken, accounts.TikTokAccessToken, StubApps.Default.AmazonClientSecret, .. keys.All, .. entered,
    ];

    /// <summary>Buyers' data in every channel sample (the orders sent and the ones the stub serves among them).</summary>
    private static List<string> PersonalData() =>
        [.. Directory.GetFiles(Path.GetDirectoryName(RepositoryPaths.ChannelSample("shopify-orders-create.json"))!, "*.json")
            .SelectMany(f => SensitiveValues.PersonalData(File.ReadAllText(f))).Distinct(StringComparer.Ordinal)];

    private static List<string> Scan(IEnumerable<string> output, IEnumerable<string> answers, ScenarioAccounts accounts, AccessKeys keys, IEnumerable<string> entered)
    {
        var values = Secrets(accounts, keys, entered).Select(s => (Kind: "a secret", Value: s)).Concat(PersonalData().Select(p => (Kind: "buyer data", Value: p))).ToList();
        return [.. output.Select(l => ("app output", l)).Concat(answers.Select(a => ("an answer", a)))
            .SelectMany(c => values.Where(v => c.Item2.Contains(v.Value, StringComparison.OrdinalIgnoreCase))
                .Select(v => $"leak: {c.Item1} holds {v.Kind} '{v.Value}': {(c.Item2.Length > 200 ? c.Item2[..200] + "…" : c.Item2)}"))
            .Distinct()];
    }
}
