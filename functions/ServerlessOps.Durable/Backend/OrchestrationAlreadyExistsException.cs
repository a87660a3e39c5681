namespace ServerlessOps.Durable.Backend;

/// <summary>Creating an instance failed because an instance with that id exists in a status the
/// <see cref="OrchestrationIdReusePolicy"/> does not allow replacing (by default: Pending, Running, Suspended).</summary>
public sealed class OrchestrationAlreadyExistsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationAlreadyExistsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Which id and status.</param>
    public OrchestrationAlreadyExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Which id and status.</param>
    /// <param name="innerException">The storage error.</param>
    public OrchestrationAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The id that is taken.</summary>
    public string? InstanceId { get; init; }
}
