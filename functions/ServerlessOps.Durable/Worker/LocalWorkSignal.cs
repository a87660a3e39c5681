namespace ServerlessOps.Durable.Worker;

/// <summary>
/// Tells this process's poll loops that work was just produced here (a step sent activities, an activity
/// reported a result, the client started an instance or raised an event), so an idle loop polls at once
/// instead of finishing its back-off delay. Only an optimisation: other processes still find the work by polling.
/// </summary>
internal sealed class LocalWorkSignal
{
    private TaskCompletionSource _orchestrations = NewSource();
    private TaskCompletionSource _activities = NewSource();

    /// <summary>A task that completes at the next <see cref="SignalOrchestrations"/>; take it before polling so no signal is missed.</summary>
    public Task OrchestrationsSignalled => Volatile.Read(ref _orchestrations).Task;

    /// <summary>A task that completes at the next <see cref="SignalActivities"/>.</summary>
    public Task ActivitiesSignalled => Volatile.Read(ref _activities).Task;

    public void SignalOrchestrations() => Interlocked.Exchange(ref _orchestrations, NewSource()).TrySetResult();

    public void SignalActivities() => Interlocked.Exchange(ref _activities, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
