namespace ServerlessOps.Durable.Execution;

/// <summary>
/// Runs orchestrator code on the calling thread only, one continuation at a time in FIFO order, so a
/// replay is deterministic. It is both the <see cref="TaskScheduler"/> the orchestrator starts on and the
/// <see cref="SynchronizationContext"/> its awaits capture, so every continuation (including those after
/// <c>Task.WhenAll</c>/<c>WhenAny</c>) comes back here. Work queued from outside (a durable task completed by
/// the executor) waits until the next <see cref="RunUntilIdle"/>.
/// </summary>
internal sealed class OrchestrationScheduler : TaskScheduler
{
    private readonly Queue<Action> _queue = new();
    private readonly QueueSynchronizationContext _context;
    private bool _running;

    public OrchestrationScheduler()
    {
        _context = new QueueSynchronizationContext(this);
    }

    /// <inheritdoc/>
    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Starts <paramref name="function"/> on this scheduler; it begins running at the next <see cref="RunUntilIdle"/>.</summary>
    public Task<T> Start<T>(Func<Task<T>> function) =>
        Task.Factory.StartNew(function, CancellationToken.None, TaskCreationOptions.None, this).Unwrap();

    /// <summary>Runs queued work, and the work it queues, until nothing is left.</summary>
    public void RunUntilIdle()
    {
        var previous = SynchronizationContext.Current;
        _running = true;
        try
        {
            SynchronizationContext.SetSynchronizationContext(_context);
            while (_queue.TryDequeue(out var work))
            {
                work();
            }
        }
        finally
        {
            _running = false;
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <inheritdoc/>
    protected override void QueueTask(Task task) => Enqueue(() => TryExecuteTask(task));

    /// <inheritdoc/>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _running && !taskWasPreviouslyQueued && SynchronizationContext.Current == _context && TryExecuteTask(task);

    /// <inheritdoc/>
    protected override IEnumerable<Task> GetScheduledTasks() => [];

    private void Enqueue(Action work)
    {
        lock (_queue)
        {
            _queue.Enqueue(work);
        }
    }

    private sealed class QueueSynchronizationContext(OrchestrationScheduler owner) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => owner.Enqueue(() => d(state));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Synchronous Send is not supported inside an orchestrator.");

        public override SynchronizationContext CreateCopy() => this;
    }
}
