using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Ingestion;

/// <summary>
/// How many deliveries this instance works on at once (spreading one from its bundle, or processing it), shrinking while
/// the webhook edge on the same instance is busy. From the moment the edge is busy (<see cref="EdgeWriteGate.IsBusy"/>)
/// until <see cref="IngestionOptions.EdgeQuietAfter"/> after it last was, at most
/// <see cref="IngestionOptions.ConcurrentDeliveriesWhileEdgeBusy"/> run; then the budget doubles every
/// <see cref="GrowthStep"/> back to <see cref="IngestionOptions.MaxConcurrentDeliveries"/>, so the backlog a burst left
/// drains right after it instead of competing with it for the cores and the store. Processing is the costlier of the two:
/// measured at 300 webhooks/s, four channels, it took 1.8 ms of the app's CPU and 1.7 ms of Azurite's per delivery, more
/// than the edge itself, and with both cores used up by both the acknowledgements' p50 was 450 ms.
/// </summary>
/// <remarks>
/// Guarantees: never more than <see cref="IngestionOptions.MaxConcurrentDeliveries"/> at once; the busy budget is at least
/// one, so processing slows under a burst but never stops, and every delivery is processed. The backlog waits on the queue
/// (back-pressure): a delivery over the budget holds its message, invisible, and the queue driver fetches no more while it
/// holds its 24 (batch 16 plus 8), so the edge's threads and connections are never what processing waits on. The edge
/// publishes its load as one timestamp per webhook while busy (<see cref="EdgeWriteGate.QuietFor"/>): no store request.
/// </remarks>
public sealed class ProcessingBudget : IDisposable
{
    /// <summary>How often the budget doubles once the edge has been quiet for <see cref="IngestionOptions.EdgeQuietAfter"/>.</summary>
    public static readonly TimeSpan GrowthStep = TimeSpan.FromMilliseconds(100);

    /// <summary>How often a delivery over the budget looks again for a turn.</summary>
    private static readonly TimeSpan LookAgain = TimeSpan.FromMilliseconds(20);

    private readonly EdgeWriteGate _edge;
    private readonly TimeProvider _time;

    // The fixed bound, first come first served; the adaptive one is checked inside it, so at most
    // MaxConcurrentDeliveries - ConcurrentDeliveriesWhileEdgeBusy deliveries poll for a turn, however many messages are held.
    private readonly SemaphoreSlim _slots;
    private readonly int _max;
    private readonly int _whileBusy;
    private readonly TimeSpan _quietAfter;
    private int _running;
    private int _waiting;

    public ProcessingBudget(EdgeWriteGate edge, IOptions<IngestionOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _edge = edge;
        _time = time;
        _max = options.Value.MaxConcurrentDeliveries;
        _whileBusy = options.Value.ConcurrentDeliveriesWhileEdgeBusy;
        _quietAfter = options.Value.EdgeQuietAfter;
        _slots = new SemaphoreSlim(_max, _max);
    }

    /// <summary>Deliveries that may run at once right now, from the edge's load.</summary>
    public int Limit
    {
        get
        {
            var quiet = _edge.QuietFor;
            if (quiet < _quietAfter)
            {
                return _whileBusy;
            }

            var doublings = ((quiet - _quietAfter).Ticks / GrowthStep.Ticks) + 1;
            return doublings >= 30 ? _max : (int)Math.Min(_max, (long)_whileBusy << (int)doublings);
        }
    }

    /// <summary>Deliveries being worked on right now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Deliveries within the fixed bound that wait for the edge to quieten before they start.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Runs <paramref name="work"/> once the budget has a turn for it.</summary>
    public async Task RunAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            await TakeTurnAsync(cancellationToken);
            try
            {
                await work();
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    private async Task TakeTurnAsync(CancellationToken cancellationToken)
    {
        if (TryTakeTurn())
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            do
            {
                await Task.Delay(LookAgain, _time, cancellationToken);
            }
            while (!TryTakeTurn());
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private bool TryTakeTurn()
    {
        var limit = Limit;
        var running = Volatile.Read(ref _running);
        while (running < limit)
        {
            var seen = Interlocked.CompareExchange(ref _running, running + 1, running);
            if (seen == running)
            {
                return true;
            }

            running = seen;
        }

        return false;
    }
}
