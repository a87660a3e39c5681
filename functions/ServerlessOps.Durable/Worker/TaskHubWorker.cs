using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Logging;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.Worker;

/// <summary>
/// Hosted worker of a task hub (after durabletask-go <c>backend/worker.go</c>). Two poll loops, one for
/// orchestration steps and one for activities, each capped by its concurrency option; a poll that finds work
/// polls again at once, an empty poll waits <see cref="DurableTaskOptions.MinPollingInterval"/>, doubling up to
/// <see cref="DurableTaskOptions.MaxPollingInterval"/>. Shutdown stops polling, lets in-flight work finish for
/// <see cref="DurableTaskOptions.ShutdownTimeout"/>, then cancels and abandons the rest (it is redelivered).
/// Several workers (in one or many processes) may serve one task hub. The same processing is offered for one
/// message a host already dequeued: <see cref="ProcessDeliveredMessageAsync"/>.
/// </summary>
public sealed partial class TaskHubWorker : BackgroundService
{
    private readonly IOrchestrationBackend _backend;
    private readonly DurableTaskRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly DataConverter _converter;
    private readonly DurableTaskOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly LocalWorkSignal _signal;
    private long _nextWorkId;

    /// <summary>Creates the worker (normally resolved from DI after <c>AddDurableTask</c>).</summary>
    /// <param name="backend">The storage backend.</param>
    /// <param name="registry">The orchestrators and activities this worker runs.</param>
    /// <param name="services">Root services: orchestrators are created from it, activities from a scope per invocation.</param>
    /// <param name="converter">The task hub's data converter.</param>
    /// <param name="options">Worker settings.</param>
    /// <param name="timeProvider">The clock for step times and polling delays.</param>
    /// <param name="loggerFactory">Loggers for the worker and for replay-safe orchestration loggers.</param>
    public TaskHubWorker(
        IOrchestrationBackend backend,
        DurableTaskRegistry registry,
        IServiceProvider services,
        DataConverter converter,
        IOptions<DurableTaskOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
        : this(backend, registry, services, converter, options, timeProvider, loggerFactory, new LocalWorkSignal())
    {
    }

    /// <summary>Creates the worker sharing <paramref name="signal"/> with the process's client.</summary>
    internal TaskHubWorker(
        IOrchestrationBackend backend,
        DurableTaskRegistry registry,
        IServiceProvider services,
        DataConverter converter,
        IOptions<DurableTaskOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        LocalWorkSignal signal)
    {
        ArgumentNullException.ThrowIfNull(options);
        _signal = signal;
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _backend = backend;
        _registry = registry;
        _services = services;
        _converter = converter;
        _options = options.Value;
        _time = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<TaskHubWorker>();
        OrchestrationSlots = new SemaphoreSlim(_options.MaxConcurrentOrchestrations, _options.MaxConcurrentOrchestrations);
        ActivitySlots = new SemaphoreSlim(_options.MaxConcurrentActivities, _options.MaxConcurrentActivities);
        if (_backend is ILocalWorkSource source)
        {
            source.LocalWorkAvailable += OnLocalWork;
        }
    }

    /// <summary>Work items being processed right now (polled and delivered).</summary>
    public int InFlightCount => _inFlight.Count;

    private SemaphoreSlim OrchestrationSlots { get; }

    private SemaphoreSlim ActivitySlots { get; }

    /// <summary>Waits for in-flight work up to the shutdown timeout, then cancels and abandons what is left.</summary>
    /// <param name="cancellationToken">The host's shutdown deadline.</param>
    /// <returns>A task that completes when the worker has stopped.</returns>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _logger.WorkerStopping(_options.ShutdownTimeout, _inFlight.Count);
        var drained = Task.WhenAll(_inFlight.Values);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(_options.ShutdownTimeout);
        try
        {
            await drained.WaitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _logger.WorkerStoppedWithAbandonedWork(_inFlight.Count);
            await _abort.CancelAsync();
            await Task.WhenAll(_inFlight.Values).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        if (_backend is ILocalWorkSource source)
        {
            source.LocalWorkAvailable -= OnLocalWork;
        }

        _abort.Dispose();
        OrchestrationSlots.Dispose();
        ActivitySlots.Dispose();
        base.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.CreateTaskHubOnStart && !await CreateTaskHubAsync(stoppingToken))
        {
            return;
        }

        if (!_options.PollingEnabled)
        {
            _logger.PollingDisabled();
            return;
        }

        _logger.WorkerStarted(_options.TaskHubName, _options.MaxConcurrentOrchestrations, _options.MaxConcurrentActivities, _options.MinPollingInterval, _options.MaxPollingInterval);
        await Task.WhenAll(
            PollLoopAsync("orchestration", OrchestrationSlots, () => _signal.OrchestrationsSignalled, async ct => await _backend.GetOrchestrationWorkItemAsync(ct), stoppingToken),
            PollLoopAsync("activity", ActivitySlots, () => _signal.ActivitiesSignalled, async ct => await _backend.GetActivityWorkItemAsync(ct), stoppingToken),
            SampleBacklogAsync(stoppingToken));
    }

    /// <summary>Creates the task hub, retrying with back-off while storage is unreachable; false when stopped first.</summary>
    private async Task<bool> CreateTaskHubAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.Zero;
        while (true)
        {
            try
            {
                await _backend.CreateTaskHubAsync(stoppingToken);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                delay = delay == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
                _logger.TaskHubCreateFailed(_options.TaskHubName, delay, ex);
                if (!await DelayAsync(delay, stoppingToken))
                {
                    return false;
                }
            }
        }
    }

    private async Task PollLoopAsync(
        string kind,
        SemaphoreSlim slots,
        Func<Task> localWork,
        Func<CancellationToken, Task<WorkItem?>> fetch,
        CancellationToken stoppingToken)
    {
        var idleDelay = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            WorkItem? workItem;
            Task wake;
            try
            {
                await slots.WaitAsync(stoppingToken);
                wake = localWork();
                workItem = await fetch(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                slots.Release();
                idleDelay = NextIdleDelay(idleDelay);
                _logger.PollFailed(kind, idleDelay, ex);
                workItem = null;
                if (!await DelayAsync(idleDelay, stoppingToken))
                {
                    return;
                }

                continue;
            }

            if (workItem is null)
            {
                slots.Release();
                idleDelay = NextIdleDelay(idleDelay);
                if (!await DelayAsync(idleDelay, stoppingToken, wake))
                {
                    return;
                }

                if (wake.IsCompleted)
                {
                    idleDelay = TimeSpan.Zero;
                }

                continue;
            }

            idleDelay = TimeSpan.Zero;
            Track(Task.Run(async () =>
            {
                try
                {
                    await ProcessAsync(workItem, _abort.Token);
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None));
        }
    }

    private void OnLocalWork(object? sender, LocalWorkEventArgs e)
    {
        if (e.Kind == LocalWorkKind.Activities)
        {
            _signal.SignalActivities();
        }
        else
        {
            _signal.SignalOrchestrations();
        }
    }

    private TimeSpan NextIdleDelay(TimeSpan current)
    {
        var next = current == TimeSpan.Zero ? _options.MinPollingInterval : current * 2;
        return next > _options.MaxPollingInterval ? _options.MaxPollingInterval : next;
    }

    /// <summary>Waits <paramref name="delay"/> or until <paramref name="wake"/> completes; false when stopping.</summary>
    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken, Task? wake = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var sleep = Task.Delay(delay, _time, cts.Token);
        var first = wake is null ? sleep : await Task.WhenAny(sleep, wake);
        if (first != sleep)
        {
            await cts.CancelAsync();
        }

        try
        {
            await sleep;
        }
        catch (OperationCanceledException)
        {
            return !stoppingToken.IsCancellationRequested;
        }

        return !stoppingToken.IsCancellationRequested;
    }

    private void Track(Task work)
    {
        var id = Interlocked.Increment(ref _nextWorkId);
        _inFlight[id] = work;
        work.ContinueWith(_ => _inFlight.TryRemove(id, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task SampleBacklogAsync(CancellationToken stoppingToken)
    {
        if (_backend is not IBacklogReporter reporter)
        {
            return;
        }

        do
        {
            try
            {
                DurableTelemetry.ReportBacklog(await reporter.GetBacklogAsync(stoppingToken));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.BacklogSampleFailed(ex);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (await DelayAsync(_options.BacklogSampleInterval, stoppingToken));
    }
}
