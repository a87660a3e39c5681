using System.Globalization;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>
/// <c>durable [--sweep | --variant NAME] [--idle-seconds 120] [--settle-seconds 45] [--no-idle | --idle-only] [--repeat 3]</c>: the sweep adds
/// one engine per setting (what each buys), --variant runs one of them alone; the idle window is counted after the
/// settling period and extrapolated to an hour; each variant runs --repeat times (on a fresh Azurite each) and its
/// medians are reported, since this shared 2-core machine is noisy.
/// </summary>
internal sealed record DurableBenchmarkOptions(bool Sweep, TimeSpan IdleWindow, TimeSpan Settle, bool Idle, string? Variant = null, bool IdleOnly = false, int Repeat = 3)
{
    public static DurableBenchmarkOptions Parse(string[] args)
    {
        var options = new DurableBenchmarkOptions(false, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(45), true);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--sweep" => options with { Sweep = true },
                "--no-idle" => options with { Idle = false },
                "--idle-only" => options with { IdleOnly = true, Idle = true },
                "--repeat" => options with { Repeat = Math.Min(Seconds(args, ++i), 9) },
                "--variant" when i + 1 < args.Length => options with { Sweep = true, Variant = args[++i] },
                "--idle-seconds" => options with { IdleWindow = TimeSpan.FromSeconds(Seconds(args, ++i)) },
                "--settle-seconds" => options with { Settle = TimeSpan.FromSeconds(Seconds(args, ++i)) },
                var unknown => throw new ArgumentException($"Unknown durable benchmark argument '{unknown}'. Use --sweep, --variant NAME, --no-idle, --idle-only, --repeat N, --idle-seconds N, --settle-seconds N."),
            };
        }

        return options;
    }

    private static int Seconds(string[] args, int index) =>
        index < args.Length && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 600
            ? seconds
            : throw new ArgumentException($"'{args[index - 1]}' needs a number from 1 to 600.");
}
