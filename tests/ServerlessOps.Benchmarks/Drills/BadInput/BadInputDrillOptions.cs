using System.Globalization;

namespace ServerlessOps.Benchmarks.Drills.BadInput;

/// <summary>
/// Size of the bad-input drill; bounded: at most 5,000 mutated deliveries per channel and 500 files per seed file. The
/// default, 600 per channel and 60 per seed (twelve kind and format pairs), sends about 3,300 requests.
/// </summary>
internal sealed record BadInputDrillOptions(int PerChannel, int FilesPerSeed, int Seed, int Concurrency)
{
    public static BadInputDrillOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var options = new BadInputDrillOptions(Value("--per-channel", 600), Value("--files-per-seed", 60), Value("--seed", 1804), Value("--concurrency", 16));
        if (options.PerChannel is < 1 or > 5_000 || options.FilesPerSeed is < 1 or > 500 || options.Concurrency is < 1 or > 128)
        {
            throw new ArgumentException("--per-channel must be 1-5000, --files-per-seed 1-500 and --concurrency 1-128: the drill stays bounded.");
        }

        return options;
    }
}
