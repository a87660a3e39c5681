using System.Collections.Concurrent;
using System.Diagnostics;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// The marks of one SKU at one location running in this process, so a caller whose change was stored before a mark
/// began shares that mark instead of reading the same listings again: the mark's reads all come after the change, so
/// what it decides covers it. A burst on a hot SKU (the ledger's group commit decides up to 20 movements in one balance
/// write, and every caller then marks) made one mark per movement, a point read per listing each. A caller whose change
/// came after the running mark began, or whose shared mark failed, marks for itself.
/// </summary>
internal sealed class SharedListingMarks
{
    private readonly ConcurrentDictionary<string, Run> _running = new(StringComparer.Ordinal);

    /// <param name="key">The SKU and location.</param>
    /// <param name="changeStoredBy">A <see cref="Stopwatch"/> timestamp taken after the caller's change was stored.</param>
    /// <param name="mark">Marks the listings; answers how many pushes it queued.</param>
    /// <returns>The pushes this caller's own mark queued (none when it shared one).</returns>
    public async Task<int> MarkOrShareAsync(string key, long changeStoredBy, Func<Task<int>> mark, CancellationToken cancellationToken)
    {
        if (_running.TryGetValue(key, out var running) && running.StartedAt > changeStoredBy)
        {
            try
            {
                await running.Marked.WaitAsync(cancellationToken);
                return 0;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The shared mark failed or its caller gave up: this change still needs one.
            }
        }

        var startedAt = Stopwatch.GetTimestamp();
        var run = new Run(startedAt, mark());
        _running[key] = run;
        try
        {
            return await run.Marked;
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<string, Run>(key, run));
        }
    }

    private sealed record Run(long StartedAt, Task<int> Marked);
}
