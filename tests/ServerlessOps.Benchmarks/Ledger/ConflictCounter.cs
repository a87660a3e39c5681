using Microsoft.Extensions.Logging;

namespace ServerlessOps.Benchmarks.Ledger;

/// <summary>
/// Counts the stores' "lost to another writer" log events (Cosmos 4005: a 412 on replace or a 409 on create), which is
/// how many read-decide-write attempts the ETag turned back; nothing else is logged or kept.
/// </summary>
internal sealed class ConflictCounter : ILogger
{
    private const int ConcurrencyConflictEventId = 4005;
    private long _conflicts;

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public void Reset() => Interlocked.Exchange(ref _conflicts, 0);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == ConcurrencyConflictEventId)
        {
            Interlocked.Increment(ref _conflicts);
        }
    }
}

/// <summary>The counter as the store's typed logger.</summary>
internal sealed class ConflictCounter<T>(ConflictCounter inner) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, formatter);
}
