namespace ServerlessOps.Durable.AzureStorage.Http;

/// <summary>
/// Counts the HTTP requests the backend sends to storage (every physical attempt, retries included),
/// per service. Thread-safe; read by the benchmark to report storage requests per activity.
/// </summary>
public sealed class StorageRequestCounter
{
    private long _table;
    private long _queue;
    private long _blob;

    /// <summary>Requests sent to the Table service.</summary>
    public long Table => Interlocked.Read(ref _table);

    /// <summary>Requests sent to the Queue service.</summary>
    public long Queue => Interlocked.Read(ref _queue);

    /// <summary>Requests sent to the Blob service.</summary>
    public long Blob => Interlocked.Read(ref _blob);

    /// <summary>All requests.</summary>
    public long Total => Table + Queue + Blob;

    /// <summary>Sets every count back to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _table, 0);
        Interlocked.Exchange(ref _queue, 0);
        Interlocked.Exchange(ref _blob, 0);
    }

    internal void Increment(StorageService service)
    {
        switch (service)
        {
            case StorageService.Table:
                Interlocked.Increment(ref _table);
                break;
            case StorageService.Queue:
                Interlocked.Increment(ref _queue);
                break;
            default:
                Interlocked.Increment(ref _blob);
                break;
        }
    }
}
