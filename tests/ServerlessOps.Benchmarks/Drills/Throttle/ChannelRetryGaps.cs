using ServerlessOps.Testing.StubMarketplace;

namespace ServerlessOps.Benchmarks.Drills.Throttle;

/// <summary>
/// How the app waited after a channel's injected failure: for each injected answer, the time until the next call to the
/// same method and path (the same order, for the order reads and acknowledgements), as the stub marketplace logged them.
/// </summary>
/// <param name="Faults">Injected failures answered.</param>
/// <param name="GapsMs">Milliseconds from each failure to the next call for the same thing, sorted.</param>
internal sealed record ChannelRetryGaps(int Faults, IReadOnlyList<double> GapsMs)
{
    public static ChannelRetryGaps Of(IReadOnlyList<StubRequest> requests, Func<StubRequest, bool> which)
    {
        var calls = requests.Where(which).OrderBy(r => r.ReceivedAt).ToArray();
        var faults = 0;
        var gaps = new List<double>();
        for (var i = 0; i < calls.Length; i++)
        {
            if (calls[i].Outcome != "injected")
            {
                continue;
            }

            faults++;
            var next = calls.Skip(i + 1).FirstOrDefault(r => r.Method == calls[i].Method && r.Path == calls[i].Path);
            if (next is not null)
            {
                gaps.Add((next.ReceivedAt - calls[i].ReceivedAt).TotalMilliseconds);
            }
        }

        return new ChannelRetryGaps(faults, [.. gaps.Order()]);
    }

    /// <summary>"n faults, m followed by a call after min/p50/max ms".</summary>
    public string Describe() => GapsMs.Count == 0
        ? $"{Faults} injected, none called again"
        : $"{Faults} injected; {GapsMs.Count} called again after min/p50/max {GapsMs[0]:0}/{GapsMs[GapsMs.Count / 2]:0}/{GapsMs[^1]:0} ms";
}
