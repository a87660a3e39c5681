namespace ServerlessOps.Standalone.Queues;

/// <summary>
/// The invocations a queue listener has started and not yet seen finish, so it can wait until few enough
/// remain before fetching more (the Functions host's newBatchThreshold), or until none do at shutdown.
/// </summary>
internal sealed class RunningInvocations
{
    private readonly Lock _gate = new();
    private int _count;
    private TaskCompletionSource? _changed;

    /// <summary>Counts <paramref name="invocation"/> until it completes, however it completes.</summary>
    public void Start(Task invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        lock (_gate)
        {
            _count++;
        }

        _ = invocation.ContinueWith(_ => Finished(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes once no more than <paramref name="count"/> invocations are running.</summary>
    public async Task WaitUntilAtMostAsync(int count)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_count <= count)
                {
                    return;
                }

                _changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed = _changed.Task;
            }

            await changed;
        }
    }

    private void Finished()
    {
        TaskCompletionSource? changed;
        lock (_gate)
        {
            _count--;
            changed = _changed;
            _changed = null;
        }

        changed?.TrySetResult();
    }
}
