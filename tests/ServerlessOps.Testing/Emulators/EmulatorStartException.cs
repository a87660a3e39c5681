namespace ServerlessOps.Testing.Emulators;

/// <summary>An emulator did not come up: it exited early or its ports did not answer in time.</summary>
public sealed class EmulatorStartException : Exception
{
    public EmulatorStartException()
    {
    }

    public EmulatorStartException(string message)
        : base(message)
    {
    }

    public EmulatorStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EmulatorStartException(string message, bool processExited)
        : base(message)
    {
        ProcessExited = processExited;
    }

    /// <summary>True when the process ended before its ports answered (for example a port taken meanwhile).</summary>
    public bool ProcessExited { get; }
}
