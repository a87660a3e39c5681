namespace ServerlessOps.Functions.Tests.Pushes;

/// <summary>
/// A point where a test's push worker stops until the test lets it go: the worker's step awaits <see cref="HoldAsync"/>,
/// the test awaits <see cref="Reached"/>, does what must happen meanwhile, then calls <see cref="Release"/>.
/// </summary>
internal sealed class WorkerPause
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the worker has reached the point.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>Says the point is reached, then waits for <see cref="Release"/>.</summary>
    public async Task HoldAsync(CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
    }
}
