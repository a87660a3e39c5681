using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Alerts;

namespace ServerlessOps.Infrastructure.OrderFlow;

/// <summary>
/// Tells the order whose flow ended and was purged before flows recorded their end (<see cref="OrderFlowEnd"/>) from the
/// order whose flow has not started yet: neither has an instance in the engine or an end record, but only the first was
/// placed longer ago than a flow lives (<see cref="AlertOptions.OrderFlowLongestLife"/>), and, where the truth knows when it
/// first stored the order (<see cref="StoredOrder.FirstStoredAt"/>), first stored that long ago too: a flow starts only
/// after its order's first store. The alert sweep resolves such an
/// order's price alerts; the flow starter starts no fresh flow for it, which would reserve its shipped units again.
/// </summary>
public sealed class PurgedOrderFlows(IOrderFlowInstances flows, IOptionsMonitor<AlertOptions> options)
{
    /// <summary>The placement time before which, at <paramref name="now"/>, an order's flow has surely been started.</summary>
    public DateTimeOffset PlacedBefore(DateTimeOffset now) => now - options.CurrentValue.OrderFlowLongestLife;

    /// <summary>
    /// Why the flow of <paramref name="order"/>, which recorded no end (the caller has read that), is surely over at
    /// <paramref name="now"/>: the order was placed, and first stored (<paramref name="firstStoredAt"/>, when known), before
    /// <see cref="PlacedBefore"/> and the engine holds no instance of its flow. Null when either is not so: a flow that exists,
    /// in any state, is not gone, and a young order's, or an old one's stored only lately, may not have started yet (its first
    /// start lost). A young order costs no read; an old one an instance read.
    /// </summary>
    public async Task<string?> WhyGoneAsync(Order order, DateTimeOffset? firstStoredAt, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var longestLife = options.CurrentValue.OrderFlowLongestLife;
        if (order.PlacedAt >= now - longestLife
            || firstStoredAt >= now - longestLife
            || await flows.ExistsAsync(order.BrandId, order.Channel, order.ExternalOrderId, cancellationToken))
        {
            return null;
        }

        return $"The order was placed {order.PlacedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}, over {(int)longestLife.TotalDays} days ago (Alerts:OrderFlowLongestLife), and its flow recorded no end and has no flow instance left: it ended and was purged before flows recorded their end.";
    }
}
