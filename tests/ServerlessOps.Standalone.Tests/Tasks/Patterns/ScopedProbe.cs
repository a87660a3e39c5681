namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>A scoped, disposable dependency: one per activity execution, disposed when the execution ends.</summary>
public sealed class ScopedProbe : IDisposable
{
    private readonly ScopeTracker _tracker;

    public ScopedProbe(ScopeTracker tracker)
    {
        _tracker = tracker;
        tracker.OnCreated();
    }

    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose() => _tracker.OnDisposed();
}
