using Microsoft.DurableTask;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>
/// Storage requests of an idle worker: after a settling period (queue polling backs off to its maximum), every
/// request over a bounded window is counted and extrapolated to an hour.
/// </summary>
internal static class IdleCost
{
    public static async Task<IdleFigures> MeasureAsync(
        ServerlessOps.Testing.Emulators.AzuriteFixture azurite, EngineVariant variant, TimeSpan settle, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var engine = await BenchmarkEngine.StartAsync(azurite, variant, BenchmarkTasks.Register, cancellationToken);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Sequence, 3, cancellationToken);
        await engine.Observer.WaitForInstanceCompletionAsync(id, cancellationToken);

        await Task.Delay(settle, cancellationToken);
        var before = engine.Counter.Snapshot();
        var total = engine.Counter.Total;
        await Task.Delay(window, cancellationToken);
        var requests = engine.Counter.Total - total;
        var after = engine.Counter.Snapshot();
        var perHour = requests * TimeSpan.FromHours(1).TotalSeconds / window.TotalSeconds;
        var byKind = after.ToDictionary(
            kind => kind.Key,
            kind => (kind.Value - before.GetValueOrDefault(kind.Key)) * TimeSpan.FromHours(1).TotalSeconds / window.TotalSeconds);
        return new IdleFigures(variant, window, requests, perHour, byKind);
    }
}

/// <summary>An idle window's count, its hourly extrapolation, and the hourly rate by "service METHOD".</summary>
internal sealed record IdleFigures(EngineVariant Variant, TimeSpan Window, long Requests, double PerHour, IReadOnlyDictionary<string, double> PerHourByKind);
