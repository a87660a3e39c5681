namespace ServerlessOps.Durable.Backend;

/// <summary>A unit of work a backend handed out and has locked until it is completed or abandoned.</summary>
public abstract class WorkItem
{
    /// <summary>Backend-private state (receipts, locks, queue names). The runtime never reads it; it passes
    /// the work item back unchanged to the complete/abandon call.</summary>
    public object? BackendState { get; init; }

    /// <summary>How many times the underlying message was delivered (1 on first delivery); poison handling reads it.</summary>
    public int DequeueCount { get; init; } = 1;
}
