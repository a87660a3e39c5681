using System.Globalization;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>Prints the durable benchmark as a markdown table, beside Durable Functions' published Azure Storage figures and our goals.</summary>
internal static class BenchmarkTable
{
    public static void Print(double rawCycles, ScenarioResult sequential, ScenarioResult fanOut, ScenarioResult fanIn, ScenarioResult events)
    {
        var rawRequests = rawCycles * 3;
        var allowedFanOut = rawRequests / fanOut.RequestsPerActivity;
        Console.WriteLine();
        Console.WriteLine("| scenario (one worker, Azurite) | DF Azure Storage published | goal | ours per instance | ours all instances | storage requests per unit |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Row("sequential activities/s", 5, 50, sequential, "activity");
        Row("fan-out activities/s", 100, 300, fanOut, "activity");
        Row("fan-in responses/s", 150, 450, fanIn, "activity");
        Row("external events/s", 50, 150, events, "event");
        Console.WriteLine();
        Console.WriteLine("Sequential: per instance = one 50-activity chain alone; all instances = ten 30-activity chains at once. " +
            "Fan-out/fan-in: one instance, 500 activities held until all started, then released. Events: one instance waiting for 500 events raised 16 at a time.");
        Console.WriteLine(F($"Azurite raw queue: {rawCycles:F0} send+receive+delete cycles/s = {rawRequests:F0} queue requests/s (8 parallel clients)."));
        Console.WriteLine(F($"Fan-out needs {fanOut.RequestsPerActivity:F1} storage requests per activity (whole fan-out/fan-in), so the raw rate allows {allowedFanOut:F0} activities/s; ours is {fanOut.PerInstance / allowedFanOut:P0} of that (goal 70%)."));
    }

    private static void Row(string name, double published, double goal, ScenarioResult result, string unit) =>
        Console.WriteLine(F($"| {name} | {published:F0} | {goal:F0} | {result.PerInstance:F0} | {result.Aggregate:F0} | {result.RequestsPerActivity:F1} per {unit} |"));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
