using System.Globalization;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>How one order's webhook was answered.</summary>
/// <param name="AckedAt">When the acknowledgement arrived, on the system clock (the app's ledger times are on the same clock).</param>
/// <param name="AckMilliseconds">From the order's scheduled send time to its acknowledgement (open loop: stalls count).</param>
/// <param name="Status">The HTTP status, 0 when the request failed or was not sent.</param>
/// <param name="Failure">Why no status came back: the client's timeout or the connection's error; null when one did.</param>
internal sealed record OrderAck(NewOrder Order, DateTimeOffset AckedAt, double AckMilliseconds, int Status, string? Failure = null)
{
    public bool Acknowledged => Status is >= 200 and < 300;

    /// <summary>What went wrong, for counting failures by kind: "HTTP 503", "timeout (30 s)", "connection (ConnectionError)".</summary>
    public string FailureKind => Status > 0 ? string.Create(CultureInfo.InvariantCulture, $"HTTP {Status}") : Failure ?? "no answer";
}
