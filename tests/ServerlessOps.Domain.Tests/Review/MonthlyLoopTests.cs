using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Audit;
using ServerlessOps.Domain.Review.Prioritize;

namespace ServerlessOps.Domain.Tests.Review;

/// <summary>A month with planted problems, from facts to a ranked, owned roadmap and back again a month later.</summary>
public sealed class MonthlyLoopTests
{
    private static readonly BrandOwners Owners = new(
        "owner@acme.test",
        [
            new OwnerAssignment(BrandSignal.Pricing, null, "pricing@acme.test"),
            new OwnerAssignment(BrandSignal.Fulfilment, SalesChannel.Amazon, "amazon-ops@acme.test"),
            new OwnerAssignment(BrandSignal.Finance, null, "finance@acme.test"),
            new OwnerAssignment(BrandSignal.Inventory, null, "stock@acme.test"),
        ]);

    /// <summary>100,000 revenue (threshold 100.00) and five planted problems, one of them immaterial.</summary>
    private static FactsBuilder PlantedMonth() => new FactsBuilder()
        .Sale("BIG", SalesChannel.Shopify, revenue: 100_000m, cogs: 50_000m)
        .Sale("A", SalesChannel.Amazon, feesCharged: 75m, feesScheduled: 15m)                   // 60.00 over schedule
        .Sale("B", SalesChannel.Amazon, feesCharged: 65m, feesScheduled: 15m)                   // 50.00
        .Sale("C", SalesChannel.Amazon, feesCharged: 55.005m, feesScheduled: 15m)               // 40.01: batch 150.01 / 2
        .Sale("P", SalesChannel.Walmart, unitsBelowFloor: 12, floorShortfall: 120m)             // 120.00 / 1
        .Shipping(SalesChannel.Amazon, shipped: 500, late: 10, month: FactsBuilder.Month.AddMonths(-2))
        .Shipping(SalesChannel.Amazon, shipped: 500, late: 10, month: FactsBuilder.Month.AddMonths(-1))
        .Shipping(SalesChannel.Amazon, shipped: 600, late: 42)                                  // 30 excess × 10 = 300.00 / 3
        .Stock("TEE", daysOut: 5, velocity: 10m, unitContribution: 3m)                          // 150.00 / 2
        .Stock("MUG", onHand: 1000, unitCost: 4m);                                              // 80.00: under the threshold

    [Fact]
    public void Roadmap_PlantedProblems_RankedByMoneyPerEffort_WithOwnersAndChecks()
    {
        var roadmap = Prioritizer.Rank(MonthlyAudit.Run(PlantedMonth().Build()), Owners);

        Assert.Equal(["price-floor:walmart", "late-shipments:amazon", "fees:amazon", "stock-out:TEE"], roadmap.Select(i => i.RootCause));
        Assert.Equal([120m, 300m, 150.01m, 150m], roadmap.Select(i => i.MonthlyMoney));
        Assert.Equal([120m, 100m, 75.01m, 75m], roadmap.Select(i => i.Score));
        Assert.Equal(["pricing@acme.test", "amazon-ops@acme.test", "finance@acme.test", "stock@acme.test"], roadmap.Select(i => i.Owner));
        Assert.Equal(["price-floor", "late-shipments", "fees-above-schedule", "stock-cover"], roadmap.Select(i => i.AlertRule!.Kind));
        Assert.All(roadmap, i => Assert.Equal(i.Owner, i.AlertRule!.Owner));
        Assert.Equal(3, roadmap[2].Findings.Count);
    }

    [Fact]
    public void NextMonth_FixedAndPartlyFixedItems_ShowWhatWasRecovered()
    {
        var lastMonth = Prioritizer.Rank(MonthlyAudit.Run(PlantedMonth().Build()), Owners);

        // A month on: the floor is repaired, one fee SKU still overcharged, late shipments unchanged, stock-outs worse.
        var now = new FactsBuilder()
            .Sale("BIG", SalesChannel.Shopify, revenue: 100_000m, cogs: 50_000m)
            .Sale("A", SalesChannel.Amazon, feesCharged: 135m, feesScheduled: 15m)
            .Shipping(SalesChannel.Amazon, shipped: 500, late: 10, month: FactsBuilder.Month.AddMonths(-2))
            .Shipping(SalesChannel.Amazon, shipped: 500, late: 10, month: FactsBuilder.Month.AddMonths(-1))
            .Shipping(SalesChannel.Amazon, shipped: 600, late: 42)
            .Stock("TEE", daysOut: 8, velocity: 10m, unitContribution: 3m)
            .Build();

        var checks = LoopClosure.Compare(lastMonth, MonthlyAudit.Run(now), "USD");

        Assert.Equal(["price-floor:walmart", "late-shipments:amazon", "fees:amazon", "stock-out:TEE"], checks.Select(c => c.RootCause));
        Assert.Equal([0m, 300m, 120m, 240m], checks.Select(c => c.MonthlyMoneyNow));
        Assert.Equal([120m, 0m, 30.01m, 0m], checks.Select(c => c.Recovered));
    }
}
