namespace ServerlessOps.Durable.Backend;

/// <summary>
/// A delivered message cannot be processed now (its instance is locked by another step, or it arrived
/// before the ExecutionStarted it depends on is visible). The caller must let the queue redeliver it: a
/// queue-triggered function fails the invocation so the host does not delete the message.
/// </summary>
public sealed class MessageDeferredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MessageDeferredException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the message waits.</param>
    public MessageDeferredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Why the message waits.</param>
    /// <param name="innerException">The cause.</param>
    public MessageDeferredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long to wait before the message should be seen again, if the backend knows.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
