using System.Globalization;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Benchmarks.Ingest;

/// <summary>
/// Load shape of the ingest benchmark; every run is bounded by rate × seconds requests. The default warm-up,
/// 1,000 deliveries at up to 200/s, lets tiered JIT finish on the processing path (the Cosmos SDK's is long):
/// with 300 the first ten seconds of a processing-on run still showed the compiler in the p99.
/// </summary>
/// <remarks><c>--ack-after stored|queued</c> sets the app's <c>Ingestion:AcknowledgeAfter</c>; default stored, as in the app.</remarks>
/// <remarks><c>--mix four|shopify</c>: the four channels' traffic (default) or Shopify orders/create only, as before the mix.</remarks>
/// <remarks><c>--ready-to-run</c>: run the app as the Azure package ships it (published ReadyToRun), not the build output.</remarks>
/// <remarks><c>--app-setting Key=Value</c> (repeatable): an app setting for an A/B run on the same build, e.g.
/// <c>--app-setting Ingestion:ConcurrentDeliveriesWhileEdgeBusy=16</c>.</remarks>
internal sealed record IngestBenchmarkOptions(int Rate, int Seconds, int MaxInFlight, int Warmup, bool AckOnly, AcknowledgementPoint AckAfter, bool FourChannels = true, bool ReadyToRun = false)
{
    public IReadOnlyList<KeyValuePair<string, string>> AppSettings { get; init; } = [];

    public static IngestBenchmarkOptions Parse(string[] args)
    {
        string? Text(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        int Value(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var ackAfterText = Text("--ack-after") ?? "stored";
        if (ackAfterText is not ("stored" or "queued"))
        {
            throw new ArgumentException("--ack-after must be 'stored' or 'queued'.");
        }

        var mix = Text("--mix") ?? "four";
        if (mix is not ("four" or "shopify"))
        {
            throw new ArgumentException("--mix must be 'four' (all four channels' traffic) or 'shopify' (orders/create only).");
        }

        var ackAfter = Enum.Parse<AcknowledgementPoint>(ackAfterText, ignoreCase: true);
        var options = new IngestBenchmarkOptions(
            Value("--rate", 500), Value("--seconds", 20), Value("--max-in-flight", 512), Value("--warmup", 1000), args.Contains("--ack-only"), ackAfter, mix == "four", args.Contains("--ready-to-run"));

        var appSettings = args.Select((arg, i) => (arg, i)).Where(a => a.arg == "--app-setting" && a.i + 1 < args.Length).Select(a => args[a.i + 1].Split('=', 2)).ToList();
        if (appSettings.Any(pair => pair.Length != 2 || pair[0].Length == 0))
        {
            throw new ArgumentException("--app-setting takes Key=Value, e.g. Ingestion:MaxConcurrentDeliveries=8.");
        }

        options = options with { AppSettings = [.. appSettings.Select(pair => KeyValuePair.Create(pair[0], pair[1]))] };
        if (options.Rate is < 1 or > 5000 || options.Seconds is < 1 or > 120)
        {
            throw new ArgumentException("--rate must be 1-5000 and --seconds 1-120: the load stays bounded.");
        }

        return options;
    }
}
