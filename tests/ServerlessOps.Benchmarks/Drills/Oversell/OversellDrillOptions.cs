using System.Globalization;

namespace ServerlessOps.Benchmarks.Drills.Oversell;

/// <summary>
/// Shape of the oversell drill (issue 18, drill 7): <c>--orders</c> one-unit orders of one SKU, a quarter per channel,
/// for <c>--units</c> counted units, through <c>--apps</c> app processes on one task hub and one Cosmos database, at most
/// <c>--concurrency</c> webhooks in flight, and <c>--settle-seconds</c> for every flow to decide. Bounded: at most 4,000
/// orders (the scenario's 1,000 per channel), and the whole run has 25 minutes.
/// </summary>
internal sealed record OversellDrillOptions(int Orders, int Units, int Apps, int Concurrency, int SettleSeconds)
{
    public int OrdersPerChannel => Orders / 4;

    public int ExpectedReserved => Math.Min(Units, Orders);

    public int ExpectedShort => Orders - ExpectedReserved;

    public static OversellDrillOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var options = new OversellDrillOptions(Value("--orders", 2000), Value("--units", 500), Value("--apps", 2), Value("--concurrency", 64), Value("--settle-seconds", 900));
        if (options.Orders is < 4 or > 4000 || options.Orders % 4 != 0 || options.Units < 1 || options.Units > options.Orders
            || options.Apps is < 1 or > 2 || options.Concurrency is < 1 or > 512 || options.SettleSeconds is < 30 or > 1200)
        {
            throw new ArgumentException(
                "--orders 4-4000 (a multiple of 4: a quarter per channel), --units 1 to --orders, --apps 1 or 2, --concurrency 1-512, --settle-seconds 30-1200: the drill stays bounded.");
        }

        return options;
    }
}
