namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>How one order's webhook was answered.</summary>
/// <param name="AckedAt">When the acknowledgement arrived, on the system clock (the app's ledger times are on the same clock).</param>
/// <param name="AckMilliseconds">From the order's scheduled send time to its acknowledgement (open loop: stalls count).</param>
/// <param name="Status">The HTTP status, 0 when the request failed or was not sent.</param>
internal sealed record OrderAck(NewOrder Order, DateTimeOffset AckedAt, double AckMilliseconds, int Status)
{
    public bool Acknowledged => Status is >= 200 and < 300;
}
