using System.Globalization;

namespace ServerlessOps.Simulator;

/// <summary>Command line of the demo: <c>demo [--orders-per-channel N] [--keep-serving]</c>.</summary>
internal sealed record DemoOptions(int OrdersPerChannel, bool KeepServing)
{
    public static DemoOptions Parse(string[] args)
    {
        var index = Array.IndexOf(args, "--orders-per-channel");
        var orders = index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : 6;
        if (orders is < 1 or > 200)
        {
            throw new ArgumentException("--orders-per-channel must be 1-200.");
        }

        return new DemoOptions(orders, args.Contains("--keep-serving"));
    }
}
