using System.Globalization;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>Prints the durable benchmark as markdown tables: published figures and goals, each variant, idle cost.</summary>
internal static class BenchmarkTable
{
    public static void Print(double rawCycles, IReadOnlyList<(EngineVariant Variant, ScenarioFigures Figures)> results, IReadOnlyList<IdleFigures> idle)
    {
        Console.WriteLine();
        Console.WriteLine("| variant | seq. activities/s (1 instance) | seq. activities/s (10 instances) | fan-out activities/s | fan-in results/s | events/s | requests/activity seq. | requests/activity fan-out | requests/event | Azurite's slowest answer |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine("| Durable Functions published (Azure Storage, per instance) | 5 | | 100 | 150 | 50 | | | | |");
        Console.WriteLine("| goal (issue 14) | 25 | | 100 | | | | | | |");
        foreach (var (variant, f) in results)
        {
            Console.WriteLine(F($"| {variant.Name} | {f.SequentialAlone:F0} | {f.SequentialMany:F0} | {f.FanOut:F0} | {f.FanIn:F0} | {f.Events:F0} | {f.SequentialRequestsPerActivity:F1} | {f.FanOutRequestsPerActivity:F1} | {f.RequestsPerEvent:F1} | {f.AzuriteStallSeconds:F1} s{(f.AzuriteStallSeconds > 5 ? " (stalled: figures low)" : string.Empty)} |"));
        }

        Console.WriteLine();
        foreach (var (variant, _) in results)
        {
            Console.WriteLine($"- {variant.Name}: {variant.Describe()}");
        }

        Console.WriteLine();
        Console.WriteLine(F($"Azurite raw queue, same run: {rawCycles:F0} send+receive+delete cycles/s with 8 clients = {rawCycles * 3:F0} queue requests/s. Each variant ran on an Azurite of its own; figures are medians of {(results.Count > 0 ? results[0].Figures.Runs : 0)} runs."));
        Console.WriteLine("Sequential: one 50-step chain alone, then ten 30-step chains at once. Fan-out: one instance calling 500 activities at once; " +
            "fan-out/s = 500 / (scheduled -> last activity ran), fan-in/s = 500 / (first activity ran -> instance completed). Events: one instance " +
            "awaiting 500 events raised 16 at a time, each raise checking the instance first as the extension does. Durations are the engine's own " +
            "instance timestamps; requests are every storage request the engine's clients sent meanwhile, background polling included.");

        if (idle.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("| idle worker, variant | window | requests in window | requests/hour (extrapolated) | goal | by kind, per hour |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var i in idle)
        {
            var kinds = string.Join(", ", i.PerHourByKind.Where(k => k.Value > 0).OrderByDescending(k => k.Value).Select(k => F($"{k.Key} {k.Value:F0}")));
            Console.WriteLine(F($"| {i.Variant.Name} ({i.Variant.Describe()}) | {i.Window.TotalSeconds:F0} s | {i.Requests} | {i.PerHour:F0} | 2000 | {kinds} |"));
        }
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
