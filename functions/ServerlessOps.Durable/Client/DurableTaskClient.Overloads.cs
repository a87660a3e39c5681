using System.Runtime.CompilerServices;

namespace ServerlessOps.Durable.Client;

/// <summary>Convenience overloads over the abstract core (see <c>DurableTaskClient.cs</c>).</summary>
public abstract partial class DurableTaskClient
{
    /// <summary>Schedules a new instance without input.</summary>
    /// <param name="orchestratorName">The orchestrator name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new instance id.</returns>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, CancellationToken cancellationToken) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, null, cancellationToken);

    /// <summary>Schedules a new instance with input.</summary>
    /// <param name="orchestratorName">The orchestrator name.</param>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new instance id.</returns>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input, CancellationToken cancellationToken) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, null, cancellationToken);

    /// <summary>Schedules a new instance without input, with options.</summary>
    /// <param name="orchestratorName">The orchestrator name.</param>
    /// <param name="options">Instance id, start time, already-running behaviour.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance id.</returns>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, StartOrchestrationOptions options, CancellationToken cancellationToken = default) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, options, cancellationToken);

    /// <summary>Raises an event without payload.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once enqueued.</returns>
    public virtual Task RaiseEventAsync(string instanceId, string eventName, CancellationToken cancellationToken) =>
        RaiseEventAsync(instanceId, eventName, null, cancellationToken);

    /// <summary>Reads an instance's status without payloads.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metadata, or null.</returns>
    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        GetInstanceAsync(instanceId, false, cancellationToken);

    /// <summary>Waits for the instance to start, without payloads.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">The deadline.</param>
    /// <returns>The metadata.</returns>
    public virtual Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, CancellationToken cancellationToken) =>
        WaitForInstanceStartAsync(instanceId, false, cancellationToken);

    /// <summary>Waits for the instance to finish, without payloads.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">The deadline.</param>
    /// <returns>The final metadata.</returns>
    public virtual Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellationToken) =>
        WaitForInstanceCompletionAsync(instanceId, false, cancellationToken);

    /// <summary>Enumerates every instance matching <paramref name="filter"/>, page by page.</summary>
    /// <param name="filter">Filters and page size; the continuation token is managed here.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The instances.</returns>
    public virtual async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = filter ?? new OrchestrationQuery();
        do
        {
            var page = await QueryInstancesAsync(query, cancellationToken);
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
    }
}
