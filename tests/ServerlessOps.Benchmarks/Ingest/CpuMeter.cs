using System.Diagnostics;

namespace ServerlessOps.Benchmarks.Ingest;

/// <summary>
/// CPU time spent by named groups of processes between <see cref="Start"/> and <see cref="Stop"/>: on a
/// 2-core machine the load generator, the function app and the emulators compete for the same cores, so
/// where the time goes explains the latency tail better than the latency alone.
/// </summary>
internal sealed class CpuMeter
{
    private readonly IReadOnlyList<(string Name, int[] ProcessIds)> _groups;
    private TimeSpan[] _atStart = [];

    public CpuMeter(params (string Name, int[] ProcessIds)[] groups) => _groups = groups;

    public void Start() => _atStart = [.. _groups.Select(group => TotalProcessorTime(group.ProcessIds))];

    /// <returns>Per group: CPU time used since <see cref="Start"/>.</returns>
    public IReadOnlyList<(string Name, TimeSpan Cpu)> Stop() =>
        [.. _groups.Select((group, i) => (group.Name, TotalProcessorTime(group.ProcessIds) - _atStart[i]))];

    private static TimeSpan TotalProcessorTime(IEnumerable<int> processIds) =>
        processIds.Aggregate(TimeSpan.Zero, (sum, id) =>
        {
            using var process = Process.GetProcessById(id);
            return sum + process.TotalProcessorTime;
        });
}
