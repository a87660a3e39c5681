using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Tests.Orders;

public sealed class OrderConvergenceTests
{
    private static readonly DateTimeOffset _t0 = new(2026, 11, 20, 19, 5, 0, TimeSpan.Zero);

    private static Order Order(DateTimeOffset updatedAt, OrderStatus status = OrderStatus.AwaitingFulfilment, bool complete = true, DateTimeOffset? tieBreak = null) => new()
    {
        BrandId = "acme",
        Channel = SalesChannel.Shopify,
        ChannelAccountId = "acme-outfitters.myshopify.com",
        ExternalOrderId = "6120001122334",
        Status = status,
        ChannelStatus = status.ToString(),
        Currency = "USD",
        Lines = [new OrderLine("1", "ACME-TEE-BLK-M", null, 1, 24m, 0m, 1.44m)],
        Total = 25.44m,
        PlacedAt = _t0,
        Version = new OrderVersion(updatedAt, tieBreak),
        IsComplete = complete,
    };

    [Fact]
    public void Decide_NothingStored_Creates()
    {
        Assert.Equal(ConvergenceDecision.Create, OrderConvergence.Decide(null, Order(_t0)));
    }

    [Fact]
    public void Decide_NewerVersion_Wins()
    {
        Assert.Equal(ConvergenceDecision.Replace, OrderConvergence.Decide(Order(_t0), Order(_t0.AddSeconds(1))));
    }

    [Fact]
    public void Decide_OlderVersion_KeepsTheStoredOne()
    {
        Assert.Equal(ConvergenceDecision.KeepStored, OrderConvergence.Decide(Order(_t0.AddSeconds(1)), Order(_t0, OrderStatus.Cancelled)));
    }

    [Fact]
    public void Decide_OlderVersionEvenIfComplete_KeepsTheStoredIncompleteOne()
    {
        Assert.Equal(ConvergenceDecision.KeepStored, OrderConvergence.Decide(Order(_t0.AddSeconds(1), complete: false), Order(_t0)));
    }

    [Fact]
    public void Decide_SameVersionSameEverything_KeepsStored()
    {
        Assert.Equal(ConvergenceDecision.KeepStored, OrderConvergence.Decide(Order(_t0), Order(_t0)));
    }

    [Fact]
    public void Decide_EqualVersion_LaterStatusWins()
    {
        Assert.Equal(ConvergenceDecision.Replace, OrderConvergence.Decide(Order(_t0), Order(_t0, OrderStatus.Cancelled)));
        Assert.Equal(ConvergenceDecision.KeepStored, OrderConvergence.Decide(Order(_t0, OrderStatus.Cancelled), Order(_t0)));
    }

    [Fact]
    public void Decide_EqualVersionIncomplete_NeverReplacesComplete()
    {
        Assert.Equal(ConvergenceDecision.KeepStored, OrderConvergence.Decide(Order(_t0), Order(_t0, OrderStatus.Cancelled, complete: false)));
    }

    [Fact]
    public void Decide_EqualVersionComplete_ReplacesIncomplete()
    {
        Assert.Equal(ConvergenceDecision.Replace, OrderConvergence.Decide(Order(_t0, OrderStatus.Pending, complete: false), Order(_t0, OrderStatus.Pending)));
    }

    [Fact]
    public void Decide_SameUpdatedAt_TieBreakDecides()
    {
        var earlier = Order(_t0, tieBreak: _t0.AddMilliseconds(10));
        var later = Order(_t0, OrderStatus.Pending, tieBreak: _t0.AddMilliseconds(20));
        Assert.Equal(ConvergenceDecision.Replace, OrderConvergence.Decide(earlier, later));
        Assert.Equal(ConvergenceDecision.KeepStored, OrderConvergence.Decide(later, earlier));
    }

    [Fact]
    public void Decide_TieBreakMissingOnOneSide_CountsAsEarliest()
    {
        Assert.Equal(ConvergenceDecision.Replace, OrderConvergence.Decide(Order(_t0), Order(_t0, OrderStatus.Pending, tieBreak: _t0)));
    }

    [Fact]
    public void Decide_AnyArrivalOrder_ConvergesOnTheNewest()
    {
        var versions = Enumerable.Range(0, 6).Select(i => Order(_t0.AddMinutes(i), (OrderStatus)(i % 5))).ToList();
        var orders = new[] { new[] { 3, 1, 5, 0, 2, 4 }, [5, 4, 3, 2, 1, 0], [0, 1, 2, 3, 4, 5], [2, 5, 1, 4, 0, 3] };
        foreach (var arrival in orders)
        {
            Order? stored = null;
            foreach (var index in arrival)
            {
                var decision = OrderConvergence.Decide(stored, versions[index]);
                if (decision is ConvergenceDecision.Create or ConvergenceDecision.Replace)
                {
                    stored = versions[index];
                }
            }

            Assert.Same(versions[5], stored);
        }
    }

    [Fact]
    public void Decide_NullIncoming_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => OrderConvergence.Decide(Order(_t0), null!));
    }
}
