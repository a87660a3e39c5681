using ServerlessOps.Domain.Orders;
using static ServerlessOps.Domain.Tests.Orders.OrderBuilder;

namespace ServerlessOps.Domain.Tests.Orders;

/// <summary>A newer snapshot that does not state ship-by, who fulfils or the timeline keeps what the stored order knew.</summary>
public sealed class OrderFactsKeepKnownTests
{
    private static readonly DateTimeOffset ShipBy = T0.AddDays(2);

    [Fact]
    public void Merge_NewerWebhookWithoutShipByOrTimeline_KeepsTheImportedOnes()
    {
        var imported = Order([Line("1", 1)]) with
        {
            ShipBy = ShipBy,
            FulfilledByChannel = false,
            Timeline = new OrderTimeline { PaidAt = T0.AddMinutes(1), ShippedAt = T0.AddDays(1) },
        };
        var webhook = Order([Line("1", 1, shipped: 1)], updatedAt: T0.AddDays(1));

        var (merged, changed) = OrderFacts.Merge(webhook, imported);

        Assert.True(changed);
        Assert.Equal(ShipBy, merged.ShipBy);
        Assert.False(merged.FulfilledByChannel);
        Assert.Equal(T0.AddMinutes(1), merged.Timeline.PaidAt);
        Assert.Equal(T0.AddDays(1), merged.Timeline.ShippedAt);
        Assert.Equal(1, merged.Lines[0].QuantityShipped);
    }

    [Fact]
    public void Merge_SnapshotStatingItsOwnShipBy_Wins()
    {
        var stored = Order([Line("1", 1)]) with { ShipBy = ShipBy };
        var reread = Order([Line("1", 1)], updatedAt: T0.AddHours(1)) with { ShipBy = ShipBy.AddDays(1) };

        var (merged, changed) = OrderFacts.Merge(reread, stored);

        Assert.False(changed);
        Assert.Equal(ShipBy.AddDays(1), merged.ShipBy);
    }

    [Fact]
    public void Merge_StoredAlreadyKnowsEverything_ChangesNothing()
    {
        var stored = Order([Line("1", 1)]) with { ShipBy = ShipBy, Timeline = new OrderTimeline { PaidAt = T0 } };
        var older = Order([Line("1", 1)]);

        var (merged, changed) = OrderFacts.Merge(stored, older);

        Assert.False(changed);
        Assert.Equal(ShipBy, merged.ShipBy);
    }
}
