using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// The flows whose histories the benchmark reads: drawn per channel in proportion to the acknowledged orders, evenly
/// spread over each channel's orders in time. The stream places the channels one in four in turn, so a sample taken
/// every n-th order (as until 2026-12-05) saw one or two channels whenever n was even: at 20/s × 20 s (every 10th) only
/// two, at 25/s (every 12th) one, and a flow's activities depend on its channel (Walmart's acknowledgement).
/// </summary>
internal static class FlowSample
{
    public static IReadOnlyList<SampledFlow> Of(IReadOnlyList<OrderAck> acked, int size)
    {
        var sample = new List<SampledFlow>(size);
        foreach (var channel in acked.GroupBy(a => a.Order.Channel))
        {
            var orders = channel.ToList();
            var take = Math.Min(orders.Count, (int)Math.Round((double)size * orders.Count / acked.Count));
            for (var k = 0; k < take; k++)
            {
                var ack = orders[k * orders.Count / take];
                sample.Add(new SampledFlow(OrderFlowIds.For(ScenarioAccounts.Default.BrandId, ack.Order.Channel, ack.Order.ExternalOrderId), ack.Order.Channel, ack.AckedAt));
            }
        }

        return sample;
    }
}

/// <summary>One sampled order's flow: its instance id, its channel, and when its webhook was acknowledged.</summary>
internal sealed record SampledFlow(string InstanceId, SalesChannel Channel, DateTimeOffset AckedAt);
