namespace ServerlessOps.Durable.Execution;

/// <summary>
/// Replay found the orchestrator asking for a different action than the one recorded in history at the same
/// sequence number. The instance fails with this exception's message as its failure; the message names the
/// sequence number, the action in history and the action replay produced.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonDeterministicOrchestrationException()
    {
    }

    /// <summary>Creates the exception with its teaching message.</summary>
    /// <param name="message">What differed, and the likely cause.</param>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What differed.</param>
    /// <param name="innerException">The cause.</param>
    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
