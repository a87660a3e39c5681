using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Audit;

namespace ServerlessOps.Domain.Tests.Review.Audit;

public sealed class MonthlyAuditTests
{
    [Fact]
    public void Threshold_IsATenthOfAPercentOfRevenue_WithAFloorOfTen()
    {
        Assert.Equal(50m, Materiality.Threshold(new FactsBuilder().Sale(revenue: 50_000m).Build()));
        Assert.Equal(10m, Materiality.Threshold(new FactsBuilder().Sale(revenue: 2_000m).Build()));
    }

    [Fact]
    public void Run_RootCauseAtOrUnderThreshold_IsDropped_AboveIsKept()
    {
        // Revenue 50,000 → threshold 50.00; fees above schedule by 50.00 on Walmart, 50.01 on Amazon.
        var facts = new FactsBuilder()
            .Sale("BIG", SalesChannel.Shopify, revenue: 50_000m)
            .Sale("A", SalesChannel.Amazon, revenue: 0m, feesCharged: 60.01m, feesScheduled: 10m)
            .Sale("W", SalesChannel.Walmart, revenue: 0m, feesCharged: 60m, feesScheduled: 10m)
            .Build();

        var finding = Assert.Single(MonthlyAudit.Run(facts));

        Assert.Equal("fees:amazon", finding.RootCause);
        Assert.Equal(50.01m, finding.MonthlyMoney);
    }

    [Fact]
    public void Run_SmallFindingsSharingARootCause_AreMaterialTogether()
    {
        // Four SKUs each 4.00 over schedule on Amazon: 16.00 together, above the floor of 10; one on Walmart is not.
        var builder = new FactsBuilder();
        foreach (var sku in new[] { "A", "B", "C", "D" })
        {
            builder.Sale(sku, SalesChannel.Amazon, feesCharged: 19m, feesScheduled: 15m);
        }

        var findings = MonthlyAudit.Run(builder.Sale("W", SalesChannel.Walmart, feesCharged: 19m, feesScheduled: 15m).Build());

        Assert.Equal(4, findings.Count);
        Assert.All(findings, f => Assert.Equal("fees:amazon", f.RootCause));
    }

    [Fact]
    public void Run_OrdersByMoneyThenTypeAndRootCause()
    {
        var facts = new FactsBuilder()
            .Sale("A", SalesChannel.Amazon, feesCharged: 40m, feesScheduled: 10m)
            .Sale("B", SalesChannel.Walmart, unitsBelowFloor: 5, floorShortfall: 30m)
            .Stock("MUG", onHand: 1000, unitCost: 10m)
            .Build();

        var findings = MonthlyAudit.Run(facts);

        // Dead stock 1000 × 10 × 2 % = 200; then the two 30.00 findings by type (fees before price floor).
        Assert.Equal(["dead-stock:MUG", "fees:amazon", "price-floor:walmart"], findings.Select(f => f.RootCause));
    }

    [Fact]
    public void Run_SameFactsInAnotherOrder_SameFindingsInTheSameOrder()
    {
        static FactsBuilder Rows(FactsBuilder b, bool reversed)
        {
            var skus = new[] { "A", "B", "C", "D", "E" };
            foreach (var sku in reversed ? skus.Reverse() : skus)
            {
                b.Sale(sku, SalesChannel.Amazon, feesCharged: 25m, feesScheduled: 10m);
                b.Sale(sku, SalesChannel.Walmart, unitsBelowFloor: 2, floorShortfall: 15m);
                b.Stock(sku, onHand: 600, unitCost: 1.25m);
            }

            return b;
        }

        var first = MonthlyAudit.Run(Rows(new FactsBuilder(), reversed: false).Build());
        var second = MonthlyAudit.Run(Rows(new FactsBuilder(), reversed: true).Build());

        Assert.Equal(15, first.Count);
        Assert.Equal(first.Select(f => (f.RootCause, f.Subject, f.MonthlyMoney, f.Formula)), second.Select(f => (f.RootCause, f.Subject, f.MonthlyMoney, f.Formula)));
    }
}
