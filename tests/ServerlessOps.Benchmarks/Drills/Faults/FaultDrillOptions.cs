using System.Globalization;

namespace ServerlessOps.Benchmarks.Drills.Faults;

/// <summary>What a fault drill does to the running stack while orders arrive.</summary>
internal enum DrillFault
{
    /// <summary>SIGKILL the function app at random moments and start it again (drill 1).</summary>
    Kill,

    /// <summary>Freeze Azurite (blob, queue, table) for a while (drill 2).</summary>
    PauseAzurite,

    /// <summary>Freeze the Cosmos server for a while (drill 2).</summary>
    PauseCosmos,
}

/// <summary>
/// Shape of a fault drill; every run is bounded: rate × seconds orders, at most 20 kills, pauses of at most 60 s,
/// a drain deadline (default 8 minutes: a delivery acknowledged just before a kill, whose queue hand-off died with the
/// process, waits for the stranded-delivery sweep, which the drill runs with Ingestion:StrandedAfter = 1 minute on its
/// 5-minute schedule), and a budget of 25 minutes for the whole run.
/// </summary>
internal sealed record FaultDrillOptions(DrillFault Fault, int Rate, int Seconds, int Kills, int PauseSeconds, int DrainSeconds, int Seed)
{
    public static FaultDrillOptions Parse(DrillFault fault, string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var store = Array.IndexOf(args, "--store") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : "azurite";
        if (fault != DrillFault.Kill)
        {
            fault = store switch
            {
                "azurite" => DrillFault.PauseAzurite,
                "cosmos" => DrillFault.PauseCosmos,
                _ => throw new ArgumentException("--store must be 'azurite' or 'cosmos'."),
            };
        }

        var options = new FaultDrillOptions(
            fault, Value("--rate", 10), Value("--seconds", 60), Value("--kills", 5), Value("--pause-seconds", 20), Value("--drain-seconds", 480), Value("--seed", 18));
        if (options.Rate is < 1 or > 200 || options.Seconds is < 10 or > 300 || options.Kills is < 1 or > 20
            || options.PauseSeconds is < 1 or > 60 || options.DrainSeconds is < 10 or > 600)
        {
            throw new ArgumentException("--rate 1-200, --seconds 10-300, --kills 1-20, --pause-seconds 1-60, --drain-seconds 10-600: the drill stays bounded.");
        }

        return options;
    }
}
