using System.Diagnostics;
using ServerlessOps.Benchmarks.OrderFlow;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Benchmarks.Drills.Faults;

/// <summary>Injects the drill's fault while the load runs: kills of the app at seeded random moments, or one pause of a store.</summary>
internal sealed class FaultInjector(FaultDrillOptions options, OrderFlowStack stack, Stopwatch clock, Action<Uri> appMoved)
{
    public async Task<IReadOnlyList<FaultWindow>> RunAsync(TimeSpan loadStart, CancellationToken cancellationToken)
    {
        var load = TimeSpan.FromSeconds(options.Seconds);
        return options.Fault == DrillFault.Kill
            ? await KillAsync(loadStart, load, cancellationToken)
            : [await PauseAsync(loadStart + (load / 4), cancellationToken)];
    }

    /// <summary>Kills at random moments between 10% and 90% of the load, one after the other (a kill waits for the previous restart).</summary>
    private async Task<IReadOnlyList<FaultWindow>> KillAsync(TimeSpan loadStart, TimeSpan load, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var moments = Enumerable.Range(0, options.Kills).Select(_ => loadStart + (load * (0.1 + (0.8 * random.NextDouble())))).Order().ToArray();
        var windows = new List<FaultWindow>();
        for (var k = 0; k < moments.Length; k++)
        {
            if (moments[k] - clock.Elapsed is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var start = clock.Elapsed;
            await stack.KillAndRestartAppAsync(cancellationToken);
            appMoved(stack.App.BaseAddress);
            windows.Add(new FaultWindow($"kill {k + 1}", start, clock.Elapsed));
        }

        return windows;
    }

    private async Task<FaultWindow> PauseAsync(TimeSpan at, CancellationToken cancellationToken)
    {
        if (at - clock.Elapsed is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        var (name, processIds) = options.Fault == DrillFault.PauseAzurite
            ? ("Azurite paused", stack.Azurite.ProcessIds)
            : ("Cosmos server paused", (IReadOnlyList<int>)[stack.Cosmos.ProcessId]);
        var start = clock.Elapsed;
        var pauses = processIds.Select(ProcessPause.Start).ToArray();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.PauseSeconds), cancellationToken);
        }
        finally
        {
            foreach (var pause in pauses)
            {
                pause.Dispose();
            }
        }

        return new FaultWindow(name, start, clock.Elapsed);
    }
}
