namespace ServerlessOps.Infrastructure.Connections;

/// <summary>A connection names an account that belongs to another brand (or is not registered where it must be).</summary>
public sealed class ConnectionConflictException : Exception
{
    public ConnectionConflictException()
    {
    }

    public ConnectionConflictException(string message)
        : base(message)
    {
    }

    public ConnectionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
