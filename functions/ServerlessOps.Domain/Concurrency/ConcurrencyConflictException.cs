namespace ServerlessOps.Domain.Concurrency;

/// <summary>
/// Another writer changed (or created) the record since it was read: the ETag did not match, or a create
/// found the record already there. Callers re-read and decide again; stores never let this pass silently.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConcurrencyConflictException()
    {
    }
}
