using Microsoft.Extensions.Options;

namespace ServerlessOps.Functions.OrderFlow;

/// <summary>
/// Holds new order flows back while the Durable engine is behind, so overload keeps the engine's queues short and flows
/// finish at the engine's pace. Measured without it (2026-12-05, orderflow benchmark): past the knee (~14 flows/s) every
/// order offered was started at once, the work-item queue grew to 839 messages, activities waited 16 s p50 at 50/s, and
/// on the local stack every stored message also makes each Azurite queue request costlier, so 50-100 orders/s offered
/// completed 3.7-6.7 flows/s. With it, activities waited 0.35-0.6 s p50 and 50-100/s completed 7.7-9.6 flows/s (the rest
/// is Azurite's own freezes: tests/ServerlessOps.Benchmarks/OrderFlow/README.md). A start waits
/// (<see cref="WaitForTurnAsync"/>) until the backlog (<see cref="EngineBacklogGauge"/>) is under
/// <see cref="OrderFlowOptions.AdmissionMaxBacklog"/>.
/// </summary>
/// <remarks>
/// Cheap: one backlog read per <see cref="OrderFlowOptions.AdmissionSampleInterval"/>, by one loop that runs only while
/// starts are asked for (it stops after <see cref="IdleAfter"/> without one), never a read per order. Each read grants
/// <c>bound − backlog</c> starts until the next, so a burst between reads cannot overshoot the bound on this instance.
/// Sound under at-least-once processing: the wait happens after the order is written and before its flow is scheduled,
/// inside the delivery's processing, so a crash while waiting leaves the delivery's message to come back, and the
/// redelivery starts the flow (the converger tells the starter again); the flow's deterministic id still makes a second
/// start a wake. A read that fails grants nothing for that interval; readings older than <see cref="StaleAfter"/> no
/// longer hold starts back, and no start waits longer than <see cref="OrderFlowOptions.AdmissionMaxWait"/>.
/// </remarks>
public sealed class OrderFlowAdmission
{
    /// <summary>The sampling loop stops when no start has asked for this long.</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A failing gauge stops holding starts back once its last good reading is this old. Longer than the emulator's
    /// freezes (Azurite's queue service stopped answering for up to 42 s under load, measured 2026-12-05): with 30 s, the
    /// starts held during a freeze all went at once after it (work items 263 against a bound of 50).
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private readonly Func<CancellationToken, Task<EngineBacklog>> _read;
    private readonly IOptionsMonitor<OrderFlowOptions> _options;
    private readonly OrderFlowAdmissionMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<OrderFlowAdmission> _logger;
    private readonly Lock _lock = new();

    private TaskCompletionSource _nextSample = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _sampling;
    private long _lastDemand;
    private long _lastGoodRead;
    private long _grantedAt;
    private int _headroom;
    private int _waiting;
    private bool _holding;
    private EngineBacklog? _backlog;
    private bool _readFailing;
    private int _heldSinceOpen;
    private TimeSpan _longestWait;
    private long _heldBack;
    private long _reads;

    public OrderFlowAdmission(
        EngineBacklogGauge gauge, IOptionsMonitor<OrderFlowOptions> options, OrderFlowAdmissionMetrics metrics, TimeProvider time, ILogger<OrderFlowAdmission> logger)
        : this(gauge.ReadAsync, options, metrics, time, logger)
    {
    }

    /// <param name="read">Reads the backlog (the gauge; a test's own reading in pure unit tests).</param>
    public OrderFlowAdmission(
        Func<CancellationToken, Task<EngineBacklog>> read, IOptionsMonitor<OrderFlowOptions> options, OrderFlowAdmissionMetrics metrics, TimeProvider time, ILogger<OrderFlowAdmission> logger)
    {
        _read = read;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _lastGoodRead = long.MinValue;
        _grantedAt = long.MinValue;
        metrics.Observe(() => Volatile.Read(ref _waiting), LatestBacklog);
    }

    /// <summary>Starts waiting for admission on this instance now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Starts held back (a reading left no room for them) since this instance started.</summary>
    public long HeldBack => Interlocked.Read(ref _heldBack);

    /// <summary>Backlog reads since this instance started (one per sample, whatever the number of starts).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>
    /// Returns when a new flow may be scheduled: at once with admission off (<see cref="OrderFlowOptions.AdmissionMaxBacklog"/>
    /// 0) or when the last reading left room, else after the reading that does, or after <see cref="OrderFlowOptions.AdmissionMaxWait"/>.
    /// </summary>
    /// <returns>How long the start was held back (zero when no reading said no room).</returns>
    public async Task<TimeSpan> WaitForTurnAsync(CancellationToken cancellationToken)
    {
        var settings = _options.CurrentValue;
        if (settings.AdmissionMaxBacklog <= 0)
        {
            return TimeSpan.Zero;
        }

        var asked = _time.GetTimestamp();
        var waited = false;
        try
        {
            while (true)
            {
                Task next;
                lock (_lock)
                {
                    _lastDemand = _time.GetTimestamp();
                    EnsureSampling();
                    var turn = TryTakeTurn(settings);
                    if (turn == Turn.Taken)
                    {
                        return waited ? _time.GetElapsedTime(asked) : TimeSpan.Zero;
                    }

                    next = _nextSample.Task;

                    // Waiting for the first reading after a quiet spell is not being held back: only a reading without room is.
                    if (turn == Turn.NoRoom && !waited)
                    {
                        waited = true;
                        _waiting++;
                        if (!_holding)
                        {
                            _holding = true;
                            _logger.AdmissionHolding(_backlog?.Total ?? -1, settings.AdmissionMaxBacklog);
                        }
                    }
                }

                var left = settings.AdmissionMaxWait - _time.GetElapsedTime(asked);
                if (left <= TimeSpan.Zero)
                {
                    _logger.AdmissionWaitExpired(settings.AdmissionMaxWait, _backlog?.Total ?? -1, settings.AdmissionMaxBacklog);
                    return _time.GetElapsedTime(asked);
                }

                try
                {
                    await next.WaitAsync(left, _time, cancellationToken);
                }
                catch (TimeoutException)
                {
                    // The longest wait has passed: the loop's next turn starts the flow anyway.
                }
            }
        }
        finally
        {
            if (waited)
            {
                var wait = _time.GetElapsedTime(asked);
                lock (_lock)
                {
                    _waiting--;
                    _heldSinceOpen++;
                    _longestWait = wait > _longestWait ? wait : _longestWait;
                }

                Interlocked.Increment(ref _heldBack);
                _metrics.Held(wait);
            }
        }
    }

    /// <summary>Under the lock: a turn from the current reading's headroom, or why not.</summary>
    private Turn TryTakeTurn(OrderFlowOptions settings)
    {
        var now = _time.GetTimestamp();
        var goodReadAge = _lastGoodRead == long.MinValue ? TimeSpan.MaxValue : _time.GetElapsedTime(_lastGoodRead, now);
        if (_readFailing && goodReadAge > StaleAfter)
        {
            // The gauge has not answered for a while: starting late is worse than starting unchecked.
            return Turn.Taken;
        }

        // A grant is good until the next reading is due (twice the interval, for a slow read): an old one says nothing.
        if (_grantedAt == long.MinValue || _time.GetElapsedTime(_grantedAt, now) > 2 * settings.AdmissionSampleInterval)
        {
            return Turn.NoReading;
        }

        if (_headroom <= 0)
        {
            return Turn.NoRoom;
        }

        _headroom--;
        return Turn.Taken;
    }

    private enum Turn
    {
        Taken,
        NoReading,
        NoRoom,
    }

    /// <summary>Under the lock: starts the sampling loop if it is not running.</summary>
    private void EnsureSampling()
    {
        if (!_sampling)
        {
            _sampling = true;
            _ = Task.Run(SampleOrStopAsync);
        }
    }

    /// <summary>The sampling loop; should it ever throw, the next start asking for a turn starts it again.</summary>
    private async Task SampleOrStopAsync()
    {
        try
        {
            await SampleLoopAsync();
        }
        catch (Exception e)
        {
            _logger.AdmissionReadFailed($"sampling stopped: {e.GetType().Name}: {e.Message}");
            lock (_lock)
            {
                _sampling = false;
            }
        }
    }

    private async Task SampleLoopAsync()
    {
        while (true)
        {
            var settings = _options.CurrentValue;
            EngineBacklog? backlog = null;
            try
            {
                using var timeout = new CancellationTokenSource(StaleAfter);
                Interlocked.Increment(ref _reads);
                backlog = await _read(timeout.Token);
            }
            catch (Exception e)
            {
                lock (_lock)
                {
                    if (!_readFailing)
                    {
                        _logger.AdmissionReadFailed($"{e.GetType().Name}: {e.Message}");
                    }

                    _readFailing = true;
                }
            }

            TaskCompletionSource sampled;
            var opened = (Held: 0, Longest: TimeSpan.Zero, Backlog: 0);
            lock (_lock)
            {
                var now = _time.GetTimestamp();
                if (backlog is not null)
                {
                    _backlog = backlog;
                    _lastGoodRead = now;
                    _readFailing = false;
                    _headroom = Math.Max(0, settings.AdmissionMaxBacklog - backlog.Total);
                }
                else
                {
                    _headroom = 0;
                }

                _grantedAt = now;
                sampled = _nextSample;
                _nextSample = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_holding && _waiting == 0 && _headroom > 0)
                {
                    opened = (_heldSinceOpen, _longestWait, backlog?.Total ?? -1);
                    _holding = false;
                    _heldSinceOpen = 0;
                    _longestWait = TimeSpan.Zero;
                }

                if (_waiting == 0 && _time.GetElapsedTime(_lastDemand, now) > IdleAfter)
                {
                    _sampling = false;
                    sampled.TrySetResult();
                    return;
                }
            }

            sampled.TrySetResult();
            if (opened.Held > 0)
            {
                _logger.AdmissionOpen(opened.Held, opened.Longest, opened.Backlog);
            }

            try
            {
                await Task.Delay(settings.AdmissionSampleInterval, _time);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    /// <summary>The latest reading while it is fresh (for the gauge): an old one is not reported.</summary>
    private EngineBacklog? LatestBacklog()
    {
        lock (_lock)
        {
            return _lastGoodRead != long.MinValue && _time.GetElapsedTime(_lastGoodRead) <= StaleAfter ? _backlog : null;
        }
    }
}
