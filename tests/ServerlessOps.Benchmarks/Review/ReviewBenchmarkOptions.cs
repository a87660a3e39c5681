using System.Globalization;

namespace ServerlessOps.Benchmarks.Review;

/// <summary>
/// The review benchmark's knobs, each bounded: <c>--lines</c> order lines to generate over thirteen months (default
/// 1,000,000; 2,000 to 2,000,000), <c>--minutes</c> the whole run's budget (default 120; 5 to 240), after which it stops
/// by itself and prints what it measured.
/// </summary>
internal sealed record ReviewBenchmarkOptions(int Lines, int Minutes)
{
    /// <summary>Lines the quick start's history has at its 12 orders a day over fourteen months (the scale's unit).</summary>
    public const double DemoLinesPerOrderPerDay = 9_698d / 12 / 14 * 13;

    public static ReviewBenchmarkOptions Parse(string[] args)
    {
        var lines = 1_000_000;
        var minutes = 120;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--lines":
                    lines = Bounded(args, ++i, 2_000, 2_000_000);
                    break;
                case "--minutes":
                    minutes = Bounded(args, ++i, 5, 240);
                    break;
                default:
                    throw new ArgumentException($"review: unknown option '{args[i]}' (options: --lines N --minutes N)");
            }
        }

        return new ReviewBenchmarkOptions(lines, minutes);
    }

    /// <summary>The generator's orders a day (before seasonality and growth) that give about <see cref="Lines"/> lines over thirteen months.</summary>
    public int OrdersPerDay => Math.Max(1, (int)Math.Round(Lines / DemoLinesPerOrderPerDay));

    private static int Bounded(string[] args, int i, int min, int max)
    {
        if (i >= args.Length || !int.TryParse(args[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"review: {args[i - 1]} needs a number from {min} to {max}");
        }

        return value;
    }
}
