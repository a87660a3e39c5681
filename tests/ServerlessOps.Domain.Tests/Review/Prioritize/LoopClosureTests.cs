using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Domain.Review.Prioritize;

namespace ServerlessOps.Domain.Tests.Review.Prioritize;

public sealed class LoopClosureTests
{
    private static readonly BrandOwners Owners = new("owner@acme.test");

    private static IReadOnlyList<RoadmapItem> LastMonth() => Prioritizer.Rank(
        [
            Findings.Of(FindingType.LateShipmentsRising, "late-shipments:amazon", 150m, SalesChannel.Amazon), // rank 1 (50 / effort)
            Findings.Of(FindingType.FeesAboveSchedule, "fees:amazon", 30m, SalesChannel.Amazon, "A"),
            Findings.Of(FindingType.FeesAboveSchedule, "fees:amazon", 40m, SalesChannel.Amazon, "B"),       // rank 2 (35)
            Findings.Of(FindingType.DeadStock, "dead-stock:MUG", 20.5m, null, "MUG"),                        // rank 3 (10.25)
        ],
        Owners);

    [Fact]
    public void Compare_ByRootCause_RecoveredIsThenMinusNow_NeverBelowZero()
    {
        var now = new[]
        {
            Findings.Of(FindingType.FeesAboveSchedule, "fees:amazon", 29.99m, SalesChannel.Amazon, "B"),
            Findings.Of(FindingType.LateShipmentsRising, "late-shipments:amazon", 200m, SalesChannel.Amazon),
            Findings.Of(FindingType.RefundSpike, "refunds:amazon:TEE", 500m, SalesChannel.Amazon, "TEE"),
        };

        var checks = LoopClosure.Compare(LastMonth(), now, "USD");

        Assert.Equal(["late-shipments:amazon", "fees:amazon", "dead-stock:MUG"], checks.Select(c => c.RootCause));
        Assert.Equal([1, 2, 3], checks.Select(c => c.PreviousRank));
        Assert.Equal([150m, 70m, 20.5m], checks.Select(c => c.MonthlyMoneyThen));
        Assert.Equal([200m, 29.99m, 0m], checks.Select(c => c.MonthlyMoneyNow));
        Assert.Equal([0m, 40.01m, 20.5m], checks.Select(c => c.Recovered));
        Assert.All(checks, c => Assert.Equal("owner@acme.test", c.Owner));
    }

    [Fact]
    public void Compare_LastRoadmapInAnotherBaseCurrency_IsNotComparedAsIfItWereThisMonthsMoney()
    {
        // The brand moved its books from USD to EUR: last month's 150 USD is not 150 EUR, so nothing was "recovered" in EUR.
        var now = new[] { Findings.Of(FindingType.LateShipmentsRising, "late-shipments:amazon", 100m, SalesChannel.Amazon) with { Currency = "EUR" } };

        Assert.Empty(LoopClosure.Compare(LastMonth(), now, "EUR"));
        Assert.Equal(3, LoopClosure.Compare(LastMonth(), now, "USD").Count);
    }

    [Fact]
    public void Compare_NoPreviousRoadmap_NothingToClose()
    {
        Assert.Empty(LoopClosure.Compare([], [Findings.Of(FindingType.DeadStock, "dead-stock:MUG", 20m)], "USD"));
    }
}
