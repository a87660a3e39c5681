using System.Collections.Concurrent;
using System.Diagnostics;

namespace ServerlessOps.Testing.Faults;

/// <summary>
/// Counts a proxy's requests and faults, and pairs each fault with the same operation's next request, which the Azure
/// SDKs mark with an id kept across their retries (<c>x-ms-client-request-id</c>; Cosmos: <c>x-ms-activity-id</c>).
/// </summary>
internal sealed class FaultProxyTally
{
    private readonly ConcurrentDictionary<int, long> _faulted = new();
    private readonly ConcurrentDictionary<string, long> _awaitingRetry = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<double> _retryDelaysMs = new();
    private long _requests;
    private long _retried;
    private long _upstreamFailures;

    /// <summary>Counts a request; true when it is the retry of an operation faulted before.</summary>
    public void Received(string? operationId)
    {
        Interlocked.Increment(ref _requests);
        if (operationId is not null && _awaitingRetry.TryRemove(operationId, out var faultedAt))
        {
            Interlocked.Increment(ref _retried);
            _retryDelaysMs.Enqueue(Stopwatch.GetElapsedTime(faultedAt).TotalMilliseconds);
        }
    }

    public void Faulted(string? operationId, int status)
    {
        _faulted.AddOrUpdate(status, 1, (_, count) => count + 1);
        if (operationId is not null)
        {
            _awaitingRetry[operationId] = Stopwatch.GetTimestamp();
        }
    }

    public void UpstreamFailed() => Interlocked.Increment(ref _upstreamFailures);

    public FaultProxyFigures Snapshot() => new(
        Interlocked.Read(ref _requests),
        new SortedDictionary<int, long>(_faulted),
        Interlocked.Read(ref _retried),
        _awaitingRetry.Count,
        [.. _retryDelaysMs.Order()],
        Interlocked.Read(ref _upstreamFailures));
}
