using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Audit;
using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Domain.Review.Prioritize;

namespace ServerlessOps.Domain.Tests.Review.Prioritize;

public sealed class PrioritizerTests
{
    private static readonly BrandOwners Owners = new(
        "owner@acme.test",
        [
            new OwnerAssignment(BrandSignal.Finance, null, "finance@acme.test"),
            new OwnerAssignment(BrandSignal.Finance, SalesChannel.Amazon, "amazon-finance@acme.test"),
            new OwnerAssignment(BrandSignal.Inventory, null, "stock@acme.test"),
        ]);

    [Fact]
    public void Rank_ByMoneyPerEffort_NotByMoney()
    {
        var findings = new[]
        {
            Findings.Of(FindingType.LateShipmentsRising, "late-shipments:amazon", 150m, SalesChannel.Amazon), // 150 / 3 = 50
            Findings.Of(FindingType.FeesAboveSchedule, "fees:walmart", 70m, SalesChannel.Walmart, "A"),       // 70 / 2 = 35
            Findings.Of(FindingType.PriceBelowFloor, "price-floor:amazon", 40m, SalesChannel.Amazon, "B"),    // 40 / 1 = 40
        };

        var roadmap = Prioritizer.Rank(findings, Owners);

        Assert.Equal(["late-shipments:amazon", "price-floor:amazon", "fees:walmart"], roadmap.Select(i => i.RootCause));
        Assert.Equal([1, 2, 3], roadmap.Select(i => i.Rank));
        Assert.Equal([50m, 40m, 35m], roadmap.Select(i => i.Score));
    }

    [Fact]
    public void Rank_FindingsSharingARootCause_AreOneItem()
    {
        var findings = new[]
        {
            Findings.Of(FindingType.FeesAboveSchedule, "fees:amazon", 12.34m, SalesChannel.Amazon, "A"),
            Findings.Of(FindingType.FeesAboveSchedule, "fees:amazon", 40.01m, SalesChannel.Amazon, "B"),
            Findings.Of(FindingType.FeesAboveSchedule, "fees:amazon", 0.02m, SalesChannel.Amazon, "C"),
        };

        var item = Assert.Single(Prioritizer.Rank(findings, Owners));

        Assert.Equal(52.37m, item.MonthlyMoney);
        Assert.Equal(2m, item.Effort);
        Assert.Equal(26.19m, item.Score); // 26.185 → 26.19
        Assert.Equal(["B", "A", "C"], item.Findings.Select(f => f.Sku));
        Assert.Equal("Dispute or re-tier fees above schedule on Amazon (3 SKUs)", item.Title);
    }

    [Fact]
    public void Rank_EqualScores_MoreMoneyFirst_ThenLessEffort_ThenRootCause()
    {
        var findings = new[]
        {
            Findings.Of(FindingType.PriceBelowFloor, "price-floor:walmart", 20m, SalesChannel.Walmart, "P"),          // 20 / 1
            Findings.Of(FindingType.FeesAboveSchedule, "fees:walmart", 40m, SalesChannel.Walmart, "F"),               // 40 / 2
            Findings.Of(FindingType.PriceBelowFloor, "price-floor:amazon", 20m, SalesChannel.Amazon, "Q"),            // 20 / 1
        };

        var roadmap = Prioritizer.Rank(findings, Owners);

        Assert.Equal(["fees:walmart", "price-floor:amazon", "price-floor:walmart"], roadmap.Select(i => i.RootCause));
    }

    [Fact]
    public void Rank_OwnerFromTheSignalAndChannel_AndTheAlertIsTheirs()
    {
        var findings = new[]
        {
            Findings.Of(FindingType.FeesAboveSchedule, "fees:amazon", 50m, SalesChannel.Amazon, "A"),
            Findings.Of(FindingType.FeesAboveSchedule, "fees:walmart", 50m, SalesChannel.Walmart, "A"),
            Findings.Of(FindingType.StockOuts, "stock-out:TEE", 50m, null, "TEE", ("stockCoverDays", 14m)),
            Findings.Of(FindingType.LateShipmentsRising, "late-shipments:amazon", 50m, SalesChannel.Amazon, null, ("baselineLateRate", 0.02m)),
        };

        var items = Prioritizer.Rank(findings, Owners).ToDictionary(i => i.RootCause);

        Assert.Equal("amazon-finance@acme.test", items["fees:amazon"].Owner);
        Assert.Equal("finance@acme.test", items["fees:walmart"].Owner);
        Assert.Equal("stock@acme.test", items["stock-out:TEE"].Owner);
        Assert.Equal("owner@acme.test", items["late-shipments:amazon"].Owner);
        Assert.Equal(BrandSignal.Fulfilment, items["late-shipments:amazon"].Signal);

        var feeAlert = items["fees:amazon"].AlertRule;
        Assert.NotNull(feeAlert);
        Assert.Equal(("fees-above-schedule", SalesChannel.Amazon, "amazon-finance@acme.test"), (feeAlert.Kind, feeAlert.Channel, feeAlert.Owner));
        var stockAlert = items["stock-out:TEE"].AlertRule;
        Assert.NotNull(stockAlert);
        Assert.Equal(("stock-cover", "TEE", 14m), (stockAlert.Kind, stockAlert.Sku, stockAlert.Threshold));
    }

    /// <summary>
    /// A brand seeded from settings that name no owner holds the placeholder owner-unset@serverlessops.invalid. The
    /// roadmap, and the reports and daily checks made from it, used to name that address, which reaches nobody, so finance
    /// could not see that nobody owns the fix. A signal's own owner still wins.
    /// </summary>
    [Fact]
    public void Rank_BrandSeededWithoutAnOwner_ItemsAndTheirChecksSayUnassigned()
    {
        var owners = new BrandOwners(BrandOwners.Unassigned, [new OwnerAssignment(BrandSignal.Inventory, null, "stock@acme.test")]);
        var findings = new[]
        {
            Findings.Of(FindingType.FeesAboveSchedule, "fees:amazon", 50m, SalesChannel.Amazon, "A"),
            Findings.Of(FindingType.StockOuts, "stock-out:TEE", 50m, null, "TEE", ("stockCoverDays", 14m)),
        };

        var items = Prioritizer.Rank(findings, owners).ToDictionary(i => i.RootCause);

        Assert.Equal(("unassigned", "unassigned"), (items["fees:amazon"].Owner, items["fees:amazon"].AlertRule?.Owner));
        Assert.Equal("stock@acme.test", items["stock-out:TEE"].Owner);
    }

    [Fact]
    public void Rank_SameFindingsInAnyOrder_SameRoadmap()
    {
        var findings = Enumerable.Range(0, 12)
            .Select(i => Findings.Of(FindingType.PriceBelowFloor, $"price-floor:{(SalesChannel)(i % 4)}", 10m + (i % 3), (SalesChannel)(i % 4), $"S{i}"))
            .ToList();

        var forward = Prioritizer.Rank(findings, Owners);
        var backward = Prioritizer.Rank(findings.AsEnumerable().Reverse().ToList(), Owners);

        Assert.Equal(
            forward.Select(i => (i.Rank, i.RootCause, i.MonthlyMoney, string.Join(",", i.Findings.Select(f => f.Sku)))),
            backward.Select(i => (i.Rank, i.RootCause, i.MonthlyMoney, string.Join(",", i.Findings.Select(f => f.Sku)))));
    }

    [Fact]
    public void Rank_EveryRuleInTheCatalog_HasPositiveEffortAndAnAlertKindTheDailyCheckKnows()
    {
        string?[] kinds = ["stock-cover", "campaign-breakeven", "fees-above-schedule", "price-floor", "late-shipments", "unmapped-sku", "refund-rate", null];

        Assert.Equal(Enum.GetValues<FindingType>(), RuleCatalog.All.Select(r => r.Type).Order());
        Assert.All(RuleCatalog.All, rule =>
        {
            Assert.True(rule.Effort > 0m);
            Assert.Contains(rule.AlertKind, kinds);
        });
    }
}
