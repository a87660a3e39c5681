namespace ServerlessOps.Durable.Backend;

/// <summary>
/// Optional capability of a backend: report queue lengths. When the registered
/// <see cref="IOrchestrationBackend"/> also implements this, the worker samples it periodically and
/// publishes the <c>durable.backlog</c> gauge.
/// </summary>
public interface IBacklogReporter
{
    /// <summary>Reads approximate queue lengths; may cost one request per queue.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot.</returns>
    Task<BacklogSnapshot> GetBacklogAsync(CancellationToken cancellationToken = default);
}
