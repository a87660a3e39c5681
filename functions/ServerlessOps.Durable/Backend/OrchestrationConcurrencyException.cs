namespace ServerlessOps.Durable.Backend;

/// <summary>
/// A commit lost a race: the instance's ETag changed since the work item was read (another worker
/// committed first) or the work item's lock was lost. Nothing of the step was committed; the runtime
/// abandons the work item so its messages are processed again on the new history.
/// </summary>
public sealed class OrchestrationConcurrencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationConcurrencyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What conflicted.</param>
    public OrchestrationConcurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the storage error.</summary>
    /// <param name="message">What conflicted.</param>
    /// <param name="innerException">The storage error (for example an HTTP 412).</param>
    public OrchestrationConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
