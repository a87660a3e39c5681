using System.Globalization;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// Load shape of the order-flow benchmark. Every rate runs on a fresh stack for a bounded time, then waits at most
/// <see cref="DrainSeconds"/> for the flows it started; the whole run stops by itself.
/// </summary>
/// <param name="Rates">Offered new orders per second, one stack each (<c>--rates 25,50,100,200</c> or <c>--rate 50</c>).</param>
/// <param name="Seconds">Seconds of load per rate (1-60). The scenario makes at most 1,000 orders per channel, so a rate ×
/// seconds past 4,000 less the warm-up is cut there (200/s × 20 s sends 3,960 orders, 19.8 s).</param>
/// <param name="MaxInFlight">Webhooks awaiting their acknowledgement at once; a due order past it is not sent (counted).</param>
/// <param name="Warmup">Orders sent at 10/s before the measured load (JIT, connections, the catalog cache), not measured.</param>
/// <param name="DrainSeconds">How long after the load the run waits for reservations and pushes before reporting.</param>
internal sealed record OrderFlowBenchmarkOptions(IReadOnlyList<int> Rates, int Seconds, int MaxInFlight, int Warmup, int DrainSeconds)
{
    public static OrderFlowBenchmarkOptions Parse(string[] args)
    {
        string? Text(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        int Value(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        IReadOnlyList<int> rates = Text("--rate") is { } one
            ? [int.Parse(one, CultureInfo.InvariantCulture)]
            : [.. (Text("--rates") ?? "25,50,100,200").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))];
        var options = new OrderFlowBenchmarkOptions(rates, Value("--seconds", 20), Value("--max-in-flight", 256), Value("--warmup", 40), Value("--drain-seconds", 90));
        if (options.Rates.Count == 0 || options.Rates.Any(r => r is < 1 or > 400) || options.Seconds is < 1 or > 60
            || options.Warmup is < 1 or > 400 || options.DrainSeconds is < 5 or > 300)
        {
            throw new ArgumentException("--rate(s) must be 1-400, --seconds 1-60, --warmup 1-400, --drain-seconds 5-300: the load stays bounded.");
        }

        return options;
    }
}
