namespace ServerlessOps.Infrastructure;

/// <summary>
/// A store (Cosmos DB, Blob, Queue) could not be reached or refused for now: throttled past the SDK's own
/// retries (429), unavailable (503), timed out (408 or a client timeout), or the connection failed. The
/// operation may or may not have been applied: a write that hits this is retried by the caller with the same
/// ETag or the same deterministic id, never assumed lost or assumed done. The HTTP edge turns it into a 503
/// with a <c>Retry-After</c> of <see cref="RetryAfter"/>.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Used when the store gave no hint.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public StoreUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter > TimeSpan.Zero ? retryAfter : DefaultRetryAfter;
    }

    public StoreUnavailableException(string message, Exception innerException)
        : this(message, DefaultRetryAfter, innerException)
    {
    }

    public StoreUnavailableException(string message)
        : this(message, DefaultRetryAfter)
    {
    }

    public StoreUnavailableException()
        : this("The store is unavailable.")
    {
    }

    /// <summary>How long the caller should wait before trying again (the store's hint when it gave one; always positive).</summary>
    public TimeSpan RetryAfter { get; }
}
