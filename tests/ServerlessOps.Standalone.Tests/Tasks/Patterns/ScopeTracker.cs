namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>A singleton that counts how many <see cref="ScopedProbe"/> instances were created and disposed.</summary>
public sealed class ScopeTracker
{
    private int _created;
    private int _disposed;

    public int Created => Volatile.Read(ref _created);

    public int Disposed => Volatile.Read(ref _disposed);

    public void OnCreated() => Interlocked.Increment(ref _created);

    public void OnDisposed() => Interlocked.Increment(ref _disposed);
}
