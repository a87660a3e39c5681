using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// A <see cref="DurableTaskClient"/> that talks to the Durable Task Framework engine directly (here the Azure Storage
/// engine the standalone host runs), with the semantics the Durable Functions extension gives the isolated worker's
/// client in Azure: starting an id that is still pending, running or suspended throws
/// <see cref="OrchestrationAlreadyExistsException"/>; raising an event, terminating, suspending or resuming an instance
/// that is missing or in the wrong state throws; payloads are serialized with the same <see cref="DataConverter"/> as
/// the worker's shims.
/// </summary>
/// <remarks>
/// Engine calls take no cancellation token: the token is checked before each call and honoured between polls.
/// </remarks>
public sealed partial class OrchestrationServiceDurableTaskClient : DurableTaskClient
{
    private static readonly char[] InvalidInstanceIdCharacters = ['/', '\\', '?', '#'];

    private readonly IOrchestrationServiceClient _client;
    private readonly DataConverter _converter;
    private readonly DurableTaskSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly HashSet<string>? _orchestrators;

    /// <summary>Creates the client.</summary>
    /// <param name="settings">The task hub (the client's <see cref="DurableTaskClient.Name"/>) and the client-side semantics it configures.</param>
    /// <param name="client">The engine; its query and purge interfaces are used when it implements them.</param>
    /// <param name="converter">The worker's data converter.</param>
    /// <param name="timeProvider">Clock for polling delays.</param>
    /// <param name="orchestrators">
    /// The orchestrators the app's workers run: starting any other name throws <see cref="ArgumentException"/>, as the
    /// extension's client does. Null: no check (a client of a hub whose workers run elsewhere).
    /// </param>
    public OrchestrationServiceDurableTaskClient(
        DurableTaskSettings settings, IOrchestrationServiceClient client, DataConverter converter, TimeProvider timeProvider, IEnumerable<string>? orchestrators = null)
        : base((settings ?? throw new ArgumentNullException(nameof(settings))).HubName)
    {
        _settings = settings;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _converter = converter ?? throw new ArgumentNullException(nameof(converter));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _orchestrators = orchestrators?.ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Entities are not hosted by the standalone engine.</summary>
    public override DurableEntityClient Entities =>
        throw new NotSupportedException("Durable entities are not available in the standalone host.");

    /// <inheritdoc />
    /// <remarks>
    /// <see cref="StartOrchestrationOptions.StartAt"/> delays the start (the engine hides the start message until then,
    /// to the second). Unless <see cref="StartOrchestrationOptions.DedupeStatuses"/> says otherwise, host.json's
    /// <c>overridableExistingInstanceStates</c> decides whether an existing running instance blocks the start.
    /// </remarks>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        if (_orchestrators is not null && !_orchestrators.Contains(orchestratorName.Name))
        {
            throw new ArgumentException(FailingTask.NotRegisteredMessage(orchestratorName.Name, "orchestrator", _orchestrators), nameof(orchestratorName));
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var started = new ExecutionStartedEvent(-1, _converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(tag => tag.Key, tag => tag.Value),
        };
        await CreateAsync(instanceId, started, DedupeStatuses(options), cancellation);
        return instanceId;
    }

    /// <inheritdoc />
    /// <remarks>Throws <see cref="ArgumentException"/> for an unknown instance and <see cref="InvalidOperationException"/> for a finished one, unless host.json's <c>throwStatusExceptionsOnRaiseEvent</c> is false.</remarks>
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (_settings.ThrowStatusExceptionsOnRaiseEvent ?? true)
        {
            var state = await GetExistingStateAsync(instanceId, cancellation);
            if (!OrchestrationStates.IsRunning(state.OrchestrationStatus))
            {
                throw new InvalidOperationException(
                    $"Cannot raise event {eventName} for orchestration instance {instanceId} because instance is in {state.OrchestrationStatus} state.");
            }
        }

        await SendAsync(instanceId, new EventRaisedEvent(-1, _converter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    /// <inheritdoc />
    /// <remarks>Only a pending, running or suspended instance can be terminated; the output becomes the instance's output.</remarks>
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        RefuseRecursive(options?.Recursive == true, "terminate");
        var state = await GetExistingStateAsync(instanceId, cancellation);
        if (!OrchestrationStates.IsRunning(state.OrchestrationStatus))
        {
            throw new InvalidOperationException(
                $"Cannot terminate the orchestration instance {instanceId} because instance is in the {state.OrchestrationStatus} state.");
        }

        cancellation.ThrowIfCancellationRequested();
        await _client.ForceTerminateTaskOrchestrationAsync(instanceId, _converter.Serialize(options?.Output));
    }

    /// <inheritdoc />
    public override async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        var state = await GetExistingStateAsync(instanceId, cancellation);
        if (state.OrchestrationStatus is not (OrchestrationStatus.Running or OrchestrationStatus.Pending or OrchestrationStatus.ContinuedAsNew))
        {
            throw new InvalidOperationException(
                $"Cannot suspend the orchestration instance {instanceId} because instance is in the {state.OrchestrationStatus} state.");
        }

        await SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);
    }

    /// <inheritdoc />
    public override async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        var state = await GetExistingStateAsync(instanceId, cancellation);
        if (state.OrchestrationStatus != OrchestrationStatus.Suspended)
        {
            throw new InvalidOperationException(
                $"Cannot resume the orchestration instance {instanceId} because instance is in the {state.OrchestrationStatus} state.");
        }

        await SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Starts the instance's orchestrator again with its original input, under the same id (which must have finished,
    /// else <see cref="OrchestrationAlreadyExistsException"/>) or a new one.
    /// </remarks>
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await GetStateAsync(instanceId, cancellation)
            ?? throw new ArgumentException($"An orchestration with the instanceId {instanceId} was not found.", nameof(instanceId));
        var newInstanceId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        var started = new ExecutionStartedEvent(-1, state.Input)
        {
            Name = state.Name,
            Version = state.Version ?? string.Empty,
            Tags = state.Tags,
        };
        await CreateAsync(newInstanceId, started, DedupeStatuses(null), cancellation);
        return newInstanceId;
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => default;

    private async Task CreateAsync(string instanceId, ExecutionStartedEvent started, OrchestrationStatus[]? dedupe, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        started.OrchestrationInstance = instance;
        if (Activity.Current is { Id: { } traceParent } activity)
        {
            started.ParentTraceContext = new DurableTask.Core.Tracing.DistributedTraceContext(traceParent, activity.TraceStateString);
        }

        try
        {
            await _client.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe);
        }
        catch (OrchestrationAlreadyExistsException e)
        {
            throw new OrchestrationAlreadyExistsException(
                $"An orchestration with instance ID '{instanceId}' already exists and is still pending, running or suspended ({e.Message}).", e);
        }
    }

    private OrchestrationStatus[]? DedupeStatuses(StartOrchestrationOptions? options)
    {
        if (options?.DedupeStatuses is { Count: > 0 } statuses)
        {
            return [.. statuses.Select(s => Enum.TryParse<OrchestrationRuntimeStatus>(s, ignoreCase: true, out var status)
                ? OrchestrationStates.ToCore(status)
                : throw new ArgumentException($"'{s}' is not an orchestration runtime status.", nameof(options)))];
        }

        return string.Equals(_settings.OverridableExistingInstanceStates, "AnyState", StringComparison.OrdinalIgnoreCase)
            ? null
            : OrchestrationStates.Running;
    }

    private Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        return _client.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            // No execution id: the event goes to whatever execution is current (after continue-as-new too).
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });
    }

    private async Task<OrchestrationState> GetExistingStateAsync(string instanceId, CancellationToken cancellation) =>
        await GetStateAsync(instanceId, cancellation)
            ?? throw new ArgumentException($"No instance with ID '{instanceId}' was found.", nameof(instanceId));

    private async Task<OrchestrationState?> GetStateAsync(string instanceId, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await _client.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        return states?.FirstOrDefault(state => state?.OrchestrationInstance is not null);
    }

    private static void ValidateInstanceId(string instanceId)
    {
        if (instanceId.Length is 0 or > 256
            || instanceId.IndexOfAny(InvalidInstanceIdCharacters) >= 0
            || instanceId.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"Instance id '{instanceId}' is invalid: 1 to 256 characters, none of '/', '\\', '?', '#' or control characters.", nameof(instanceId));
        }
    }

    private static void RefuseRecursive(bool recursive, string operation)
    {
        if (recursive)
        {
            throw new NotSupportedException($"A recursive {operation} (including sub-orchestrations) is not supported by the standalone host.");
        }
    }
}
