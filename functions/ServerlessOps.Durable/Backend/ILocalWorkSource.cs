namespace ServerlessOps.Durable.Backend;

/// <summary>
/// Optional capability of a backend: it hands some work straight to this process's own buffers (local
/// dispatch) and says so the moment it does, so the worker's idle poll loop wakes at once instead of waiting
/// for the call that produced the work to return (which may still be finishing clean-up requests).
/// Only an optimisation: the work is found by the next poll either way.
/// </summary>
public interface ILocalWorkSource
{
    /// <summary>Raised (on the producing thread; handlers must be quick) when local work became available.</summary>
    event EventHandler<LocalWorkEventArgs>? LocalWorkAvailable;
}

/// <summary>Which poll loop has local work waiting.</summary>
public enum LocalWorkKind
{
    /// <summary>Orchestration messages.</summary>
    Orchestrations,

    /// <summary>Activity invocations.</summary>
    Activities,
}

/// <summary>Arguments of <see cref="ILocalWorkSource.LocalWorkAvailable"/>.</summary>
/// <param name="kind">Which poll loop has local work waiting.</param>
public sealed class LocalWorkEventArgs(LocalWorkKind kind) : EventArgs
{
    /// <summary>Which poll loop has local work waiting.</summary>
    public LocalWorkKind Kind { get; } = kind;
}
