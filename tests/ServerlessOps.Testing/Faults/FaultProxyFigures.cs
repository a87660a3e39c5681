namespace ServerlessOps.Testing.Faults;

/// <summary>What a <see cref="FaultProxy"/> saw, since it started.</summary>
/// <param name="Requests">Requests received.</param>
/// <param name="Faulted">Requests answered with a fault, by status.</param>
/// <param name="Retried">Faulted operations the client sent again (same <c>x-ms-client-request-id</c> or Cosmos activity id).</param>
/// <param name="NotRetried">Faulted operations whose id never came back: the client gave up and left it to its caller (a queue
/// redelivery, an activity retry, a channel's re-send), or retried it under a new id. An upper bound of what the client
/// left to its caller: the Cosmos SDK keeps its activity id across a document request's 429 retries, but was seen to
/// send some retries under a new one (6 of 30 faults in one FaultProxyTests run, all retried, since every item was created).</param>
/// <param name="RetryDelaysMs">Milliseconds from each fault to the same operation's next request, sorted: the client's back-off.</param>
/// <param name="UpstreamFailures">Requests the server behind did not answer (answered 502 by the proxy).</param>
public sealed record FaultProxyFigures(long Requests, IReadOnlyDictionary<int, long> Faulted, long Retried, long NotRetried, IReadOnlyList<double> RetryDelaysMs, long UpstreamFailures)
{
    public long FaultedTotal => Faulted.Values.Sum();

    /// <summary>The <paramref name="quantile"/> (0-1) of <see cref="RetryDelaysMs"/>, NaN when there were none.</summary>
    public double RetryDelay(double quantile) =>
        RetryDelaysMs.Count == 0 ? double.NaN : RetryDelaysMs[(int)Math.Min(RetryDelaysMs.Count - 1, Math.Floor(quantile * RetryDelaysMs.Count))];
}
