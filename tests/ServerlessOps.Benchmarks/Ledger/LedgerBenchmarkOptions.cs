using System.Globalization;

namespace ServerlessOps.Benchmarks.Ledger;

/// <summary>Load shape of the ledger benchmark; three timed phases of <see cref="Seconds"/> each keep a run under 30 s.</summary>
internal sealed record LedgerBenchmarkOptions(int Seconds, int Workers, int Skus)
{
    public static LedgerBenchmarkOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var options = new LedgerBenchmarkOptions(Value("--seconds", 6), Value("--workers", 32), Value("--skus", 100));
        if (options.Seconds is < 1 or > 8 || options.Workers is < 1 or > 256 || options.Skus is < 2 or > 10_000)
        {
            throw new ArgumentException("--seconds must be 1-8 (three phases stay under 30 s), --workers 1-256 and --skus 2-10000.");
        }

        return options;
    }
}
