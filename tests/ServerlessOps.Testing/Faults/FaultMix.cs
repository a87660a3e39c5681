namespace ServerlessOps.Testing.Faults;

/// <summary>
/// What a <see cref="FaultProxy"/> does to the requests it receives: answers <see cref="Rate"/> of them itself with one of
/// <see cref="Statuses"/> (taken in turn) without forwarding, and forwards the rest. A faulted request never reaches the
/// server, as with a real throttle or a busy front end, so retrying it is always safe.
/// </summary>
/// <param name="Rate">Fraction of requests answered with a fault, 0 to 1.</param>
/// <param name="Statuses">The fault statuses, used in turn: 429, 500, 503.</param>
/// <param name="RetryAfter">The server's retry hint on a 429 (Cosmos <c>x-ms-retry-after-ms</c>). Default 100 ms.</param>
/// <param name="Target">When set, only requests it matches may be faulted (at <see cref="Rate"/>); all others are forwarded.</param>
public sealed record FaultMix(double Rate, IReadOnlyList<int> Statuses, TimeSpan? RetryAfter = null, FaultTarget? Target = null)
{
    /// <summary>Forward everything.</summary>
    public static FaultMix None { get; } = new(0, []);

    /// <summary>The hint sent with a 429.</summary>
    public TimeSpan RetryAfterOr100Ms => RetryAfter ?? TimeSpan.FromMilliseconds(100);
}
