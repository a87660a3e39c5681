namespace ServerlessOps.Durable.Backend;

/// <summary>An operation addressed an instance id that has no instance in the task hub.</summary>
public sealed class OrchestrationNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Which id.</param>
    public OrchestrationNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Which id.</param>
    /// <param name="innerException">The storage error.</param>
    public OrchestrationNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The id that was not found.</summary>
    public string? InstanceId { get; init; }
}
