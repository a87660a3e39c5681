using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Logging;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Durable.Worker;

namespace ServerlessOps.Durable.Client;

/// <summary>The <see cref="DurableTaskClient"/> over an <see cref="IOrchestrationBackend"/> (the one <c>AddDurableTask</c> registers).</summary>
public sealed class BackendDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan _firstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan _maxPoll = TimeSpan.FromSeconds(1);

    private readonly IOrchestrationBackend _backend;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LocalWorkSignal? _signal;

    /// <summary>Creates the client.</summary>
    /// <param name="backend">The storage backend.</param>
    /// <param name="converter">The task hub's data converter.</param>
    /// <param name="options">Runtime options (task hub name).</param>
    /// <param name="timeProvider">Clock for creation times and polling delays.</param>
    /// <param name="logger">The client's logger.</param>
    public BackendDurableTaskClient(IOrchestrationBackend backend, DataConverter converter, IOptions<DurableTaskOptions> options, TimeProvider timeProvider, ILogger<BackendDurableTaskClient> logger)
        : this(backend, converter, options, timeProvider, logger, null)
    {
    }

    /// <summary>Creates the client that wakes this process's worker when it enqueues work.</summary>
    internal BackendDurableTaskClient(IOrchestrationBackend backend, DataConverter converter, IOptions<DurableTaskOptions> options, TimeProvider timeProvider, ILogger<BackendDurableTaskClient> logger, LocalWorkSignal? signal)
    {
        _signal = signal;
        ArgumentNullException.ThrowIfNull(options);
        _backend = backend;
        _converter = converter;
        _time = timeProvider;
        _logger = logger;
        Name = options.Value.TaskHubName;
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var executionId = Guid.NewGuid().ToString("N");
        var started = new ExecutionStartedEvent
        {
            Timestamp = _time.GetUtcNow().UtcDateTime,
            Name = orchestratorName,
            Input = _converter.Serialize(input),
            OrchestrationInstance = new OrchestrationInstance(instanceId, executionId),
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
        };
        var message = new TaskMessage { MessageId = $"{executionId}:start", Instance = started.OrchestrationInstance, Event = started };
        try
        {
            await _backend.CreateOrchestrationInstanceAsync(message, OrchestrationIdReusePolicy.Default, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException) when (options?.IfAlreadyRunning == AlreadyRunningBehavior.ReturnExisting)
        {
            _logger.InstanceAlreadyRunning(instanceId);
            return instanceId;
        }

        _signal?.SignalOrchestrations();
        _logger.InstanceScheduled(instanceId, orchestratorName);
        return instanceId;
    }

    /// <inheritdoc/>
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        await SendAsync(instanceId, new EventRaisedEvent { Timestamp = Now, Name = eventName, Input = _converter.Serialize(eventPayload) }, cancellationToken);
        _logger.EventRaised(instanceId, eventName);
    }

    /// <inheritdoc/>
    public override Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return _backend.GetOrchestrationMetadataAsync(instanceId, getInputsAndOutputs, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        PollUntilAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellationToken);

    /// <inheritdoc/>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        PollUntilAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellationToken);

    /// <inheritdoc/>
    public override async Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default)
    {
        await SendAsync(instanceId, new ExecutionTerminatedEvent { Timestamp = Now, Input = _converter.Serialize(output) }, cancellationToken);
        _logger.ManagementOperation(instanceId, "terminate");
    }

    /// <inheritdoc/>
    public override async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await SendAsync(instanceId, new ExecutionSuspendedEvent { Timestamp = Now, Input = _converter.Serialize(reason) }, cancellationToken);
        _logger.ManagementOperation(instanceId, "suspend");
    }

    /// <inheritdoc/>
    public override async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await SendAsync(instanceId, new ExecutionResumedEvent { Timestamp = Now, Input = _converter.Serialize(reason) }, cancellationToken);
        _logger.ManagementOperation(instanceId, "resume");
    }

    /// <inheritdoc/>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var result = await _backend.PurgeInstanceAsync(instanceId, cancellationToken);
        _logger.Purged(result.PurgedInstanceCount, instanceId);
        return result;
    }

    /// <inheritdoc/>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var result = await _backend.PurgeInstancesAsync(filter, cancellationToken);
        _logger.Purged(result.PurgedInstanceCount, "filter");
        return result;
    }

    /// <inheritdoc/>
    public override Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000, nameof(query));
        return _backend.QueryInstancesAsync(query, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        _backend.GetOrchestrationHistoryAsync(instanceId, cancellationToken);

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private async Task SendAsync(string instanceId, HistoryEvent e, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var message = new TaskMessage { MessageId = Guid.NewGuid().ToString("N"), Instance = new OrchestrationInstance(instanceId), Event = e };
        await _backend.AddNewOrchestrationEventAsync(message, cancellationToken);
        _signal?.SignalOrchestrations();
    }

    private async Task<OrchestrationMetadata> PollUntilAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var delay = _firstPoll;
        while (true)
        {
            var metadata = await _backend.GetOrchestrationMetadataAsync(instanceId, getInputsAndOutputs, cancellationToken)
                ?? throw new OrchestrationNotFoundException($"No instance '{instanceId}' exists in task hub '{Name}'.") { InstanceId = instanceId };
            if (done(metadata))
            {
                return metadata;
            }

            await Task.Delay(delay, _time, cancellationToken);
            delay = delay * 2 > _maxPoll ? _maxPoll : delay * 2;
        }
    }
}
