using System.Globalization;

namespace ServerlessOps.Benchmarks.Drills.Throttle;

/// <summary>
/// Shape of the throttling drill, bounded in every dimension: rate × seconds orders (at most 200/s, 300 s), fault rates
/// of at most 50 %, a settle deadline for the dead-lettered work (default 7 minutes: a delivery whose queue hand-off failed waits for the 5-minute stranded-delivery sweep) and a drain deadline after the
/// replay (default 6 minutes); the whole run has 25 minutes.
/// </summary>
/// <param name="Rate">New orders per second, all four channels.</param>
/// <param name="Seconds">Length of the load.</param>
/// <param name="LowRate">Fault rate of the first fault window (a third of the load): 0.1 = 10 % of requests.</param>
/// <param name="HighRate">Fault rate of the second window (the next third).</param>
/// <param name="SettleSeconds">Deadline for every Amazon delivery to reach quarantine while Amazon is down.</param>
/// <param name="DrainSeconds">Deadline for every acknowledged order to be reserved once Amazon is back.</param>
/// <param name="Seed">Seeds which requests the proxies fault.</param>
/// <param name="PaceAmazon"><c>--pace-amazon</c>: the app paces its Amazon calls by the seller's usage plans
/// (<c>Channels:PaceAmazonUsagePlans</c>, on in production, off against the stub by default).</param>
internal sealed record ThrottleDrillOptions(int Rate, int Seconds, double LowRate, double HighRate, int SettleSeconds, int DrainSeconds, int Seed, bool PaceAmazon = false)
{
    public static ThrottleDrillOptions Parse(string[] args)
    {
        string? Raw(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        int Int(string name, int fallback) => Raw(name) is { } raw ? int.Parse(raw, CultureInfo.InvariantCulture) : fallback;
        double Double(string name, double fallback) => Raw(name) is { } raw ? double.Parse(raw, CultureInfo.InvariantCulture) : fallback;

        var options = new ThrottleDrillOptions(
            Int("--rate", 4), Int("--seconds", 90), Double("--low", 0.1), Double("--high", 0.3), Int("--settle-seconds", 420), Int("--drain-seconds", 360), Int("--seed", 18),
            args.Contains("--pace-amazon"));
        if (options.Rate is < 1 or > 200 || options.Seconds is < 30 or > 300 || options.LowRate is < 0 or > 0.5 || options.HighRate is < 0 or > 0.5
            || options.SettleSeconds is < 30 or > 600 || options.DrainSeconds is < 30 or > 600)
        {
            throw new ArgumentException("--rate 1-200, --seconds 30-300, --low and --high 0-0.5, --settle-seconds and --drain-seconds 30-600: the drill stays bounded.");
        }

        return options;
    }
}
