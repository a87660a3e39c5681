namespace ServerlessOps.Domain.Inventory.Availability;

/// <summary>
/// Units held back from one listing so the orders that can arrive before the channel shows a new quantity cannot
/// oversell it: the larger of the brand's static minimum and the risk, ⌈sales per second × push latency in seconds⌉.
/// </summary>
/// <param name="StaticMinimum">The brand's <c>MinimumStockBuffer</c> (units), the floor.</param>
/// <param name="SalesPerSecond">Recent sales velocity of the SKU at the listing's location (units per second).</param>
/// <param name="PushLatency">How long a change takes to show on the channel, as measured for the listing (or the configured default).</param>
/// <param name="LatencyMeasured">Whether <paramref name="PushLatency"/> was measured (false: the configured default).</param>
public sealed record PushBuffer(int StaticMinimum, decimal SalesPerSecond, TimeSpan PushLatency, bool LatencyMeasured)
{
    /// <summary>⌈<see cref="SalesPerSecond"/> × <see cref="PushLatency"/> in seconds⌉: the units likely sold while a push is on its way.</summary>
    public int RiskUnits
    {
        get
        {
            var risk = decimal.Ceiling(SalesPerSecond * (decimal)PushLatency.TotalSeconds);
            return risk >= int.MaxValue ? int.MaxValue : (int)risk;
        }
    }

    /// <summary>The units held back: max(<see cref="StaticMinimum"/>, <see cref="RiskUnits"/>).</summary>
    public int Units => Math.Max(StaticMinimum, RiskUnits);

    /// <summary>Throws naming the bad input: minimum, velocity and latency must not be negative.</summary>
    public static PushBuffer Compute(int staticMinimum, decimal salesPerSecond, TimeSpan pushLatency, bool latencyMeasured = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(staticMinimum);
        ArgumentOutOfRangeException.ThrowIfNegative(salesPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(pushLatency, TimeSpan.Zero);
        return new PushBuffer(staticMinimum, salesPerSecond, pushLatency, latencyMeasured);
    }
}
