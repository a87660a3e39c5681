using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Admission to the webhook edge's storage writes: at most <see cref="IngestionOptions.EdgeMaxConcurrentWrites"/>
/// at once, the rest waiting their turn (first come, first served) for at most
/// <see cref="IngestionOptions.EdgeAdmissionWait"/>. A webhook that gets no turn in time is refused with
/// <see cref="StoreUnavailableException"/> (503 with Retry-After, which every channel retries) instead of
/// joining an ever longer line whose requests all time out together. Nothing is acknowledged that was not stored.
/// </summary>
public sealed class EdgeWriteGate : IDisposable
{
    /// <summary>What a refused webhook is told: the line clears within about a second at the edge's pace.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private const long NeverBusy = long.MinValue;

    private readonly SemaphoreSlim _turns;
    private readonly TimeSpan _wait;
    private readonly int _size;
    private readonly TimeProvider _time;
    private long _lastBusy = NeverBusy;

    public EdgeWriteGate(IOptions<IngestionOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _size = options.Value.EdgeMaxConcurrentWrites;
        _turns = new SemaphoreSlim(_size, _size);
        _wait = options.Value.EdgeAdmissionWait;
        _time = time;
    }

    /// <summary>
    /// True while an eighth or more of the turns are taken (4 of the default 32). At a steady rate the webhooks in
    /// flight grow with their latency, so this says the edge is slowing down (at 300/s: past ~13 ms each), and
    /// background work on the same instance should give way (<see cref="Ingestion.ProcessingBudget"/>). Measured
    /// at 300/s with processing on: a quarter gave ack p50 39-41 ms, an eighth 27-31 ms.
    /// </summary>
    public bool IsBusy => _size - _turns.CurrentCount >= Math.Max(1, _size / 8);

    /// <summary>
    /// How long the edge has been quiet: zero while it <see cref="IsBusy"/>, otherwise the time since a webhook last
    /// entered or left it busy; <see cref="TimeSpan.MaxValue"/> if it never was. The edge's load signal for processing on
    /// the same instance (<see cref="Ingestion.ProcessingBudget"/>), published at the cost of one timestamp per webhook
    /// while busy: no store request, no lock.
    /// </summary>
    public TimeSpan QuietFor
    {
        get
        {
            if (IsBusy)
            {
                return TimeSpan.Zero;
            }

            var last = Volatile.Read(ref _lastBusy);
            return last == NeverBusy ? TimeSpan.MaxValue : _time.GetElapsedTime(last);
        }
    }

    /// <summary>Runs <paramref name="write"/> in one of the edge's turns, or refuses when none frees up in time.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!await _turns.WaitAsync(_wait, cancellationToken))
        {
            throw new StoreUnavailableException(
                $"The webhook edge already has all its storage writes in flight and none finished within {_wait.TotalSeconds:0.#} s.", RetryAfter);
        }

        NoteIfBusy();
        try
        {
            return await write(cancellationToken);
        }
        finally
        {
            NoteIfBusy();
            _turns.Release();
        }
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return RunAsync(async token =>
        {
            await write(token);
            return true;
        }, cancellationToken);
    }

    public void Dispose() => _turns.Dispose();

    private void NoteIfBusy()
    {
        if (IsBusy)
        {
            Volatile.Write(ref _lastBusy, _time.GetTimestamp());
        }
    }
}
