using FsCheck;
using FsCheck.Xunit;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Tests.Properties;

public sealed class ConvergenceProperties
{
    private static readonly DateTimeOffset _t0 = new(2026, 11, 20, 19, 0, 0, TimeSpan.Zero);

    /// <summary>Whatever order the same deliveries arrive in, the stored snapshot ends up the same.</summary>
    [Property]
    public bool Decide_AnyArrivalOrder_EndsOnTheSameSnapshot(NonEmptyArray<(byte Minute, byte Status, bool Complete)> deliveries, int seed)
    {
        var snapshots = deliveries.Get
            .Select(d => Order(d.Minute % 8, (OrderStatus)(d.Status % 8), d.Complete))
            .ToList();
        var shuffled = snapshots.OrderBy(_ => new Random(seed).Next()).ToList();
        var reversed = Enumerable.Reverse(snapshots).ToList();

        var a = Converge(snapshots);
        return Same(a, Converge(shuffled)) && Same(a, Converge(reversed));
    }

    private static Order? Converge(IEnumerable<Order> arrivals)
    {
        Order? stored = null;
        foreach (var incoming in arrivals)
        {
            if (OrderConvergence.Decide(stored, incoming) is ConvergenceDecision.Create or ConvergenceDecision.Replace)
            {
                stored = incoming;
            }
        }

        return stored;
    }

    // Snapshots with the same version, completeness and status are interchangeable for convergence.
    private static bool Same(Order? x, Order? y) =>
        x is not null && y is not null && x.Version == y.Version && x.IsComplete == y.IsComplete && x.Status == y.Status;

    private static Order Order(int minute, OrderStatus status, bool complete) => new()
    {
        BrandId = "acme",
        Channel = SalesChannel.Amazon,
        ChannelAccountId = "A2EXAMPLESELLR1",
        ExternalOrderId = "114-3941689-8772232",
        Status = status,
        ChannelStatus = status.ToString(),
        Currency = "USD",
        Lines = [],
        Total = 0m,
        PlacedAt = _t0,
        Version = new OrderVersion(_t0.AddMinutes(minute)),
        IsComplete = complete,
    };
}
