using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Tests.Reports;

/// <summary>A November review of brand acme: three channels and a total, four findings on three roadmap items, one recovery check.</summary>
internal static class SampleReports
{
    public static MonthlyReport November(string brandId = "acme", decimal amazonRevenue = 48210.55m)
    {
        var month = new ReviewMonth(2026, 11);
        var zone = TimeSpan.FromHours(-5);
        var fees = Finding(FindingType.FeesAboveSchedule, "referral fee on Amazon above schedule (14 SKUs)", SalesChannel.Amazon, null, 1320.40m, "fees:amazon:referral",
            "Σ (charged − scheduled) = 1,320.40", new Dictionary<string, decimal> { ["charged"] = 7850.10m, ["scheduled"] = 6529.70m }, ["order:112-1:line:1", "order:112-2:line:1"]);
        var dead = Finding(FindingType.DeadStock, "SKU MUG-BLUE at warehouse-1 <unsold 90 days>", null, "MUG-BLUE", 212.35m, "dead-stock:MUG-BLUE",
            "value at cost 14,155.80 × 1.5% = 212.35", new Dictionary<string, decimal> { ["valueAtCost"] = 14155.80m, ["rate"] = 0.015m }, ["import:stock-7:line:12"]);
        var late = Finding(FindingType.LateShipmentsRising, "late shipments on Walmart & TikTok", SalesChannel.Walmart, null, 540m, "late:walmart",
            "(8.2% − 3.1%) × 600 orders × 18.00", new Dictionary<string, decimal> { ["rate"] = 0.082m, ["baseline"] = 0.031m }, []);
        var price = Finding(FindingType.PriceBelowFloor, "SKU TEE-RED-M on Shopify", SalesChannel.Shopify, "TEE-RED-M", 98.04m, "fees:amazon:referral",
            "(21.00 − 19.84) × 84.5", new Dictionary<string, decimal> { ["floor"] = 21.00m }, ["order:5001:line:2"]);
        var findings = new[] { fees, price, late, dead };
        var roadmap = new[]
        {
            new RoadmapItem(1, "fees:amazon:referral", FindingType.FeesAboveSchedule, "Dispute Amazon referral fee re-tier", [fees, price], 1418.44m, 1m, 1418.44m,
                BrandSignal.Finance, "finance@acme.example", new AlertRuleSpec("fees-above-schedule", "Amazon referral", SalesChannel.Amazon, null, null, 0.01m, "finance@acme.example", "Fees charged above schedule on Amazon")),
            new RoadmapItem(2, "late:walmart", FindingType.LateShipmentsRising, "Fix Walmart carrier cut-off", [late], 540m, 2m, 270m, BrandSignal.Fulfilment, "ops@acme.example", null),
            new RoadmapItem(3, "dead-stock:MUG-BLUE", FindingType.DeadStock, "Clear MUG-BLUE", [dead], 212.35m, 3m, 70.78m, BrandSignal.Inventory, "stock@acme.example", null),
        };
        PnlLine[] pnl =
        [
            Line(SalesChannel.Shopify, 812, 1204, 30110.20m, 32000m, 1103.17m, false, 2100m, 640.5m, 11020.75m),
            Line(SalesChannel.Amazon, 1390, 2011, amazonRevenue, 45000m, 7850.10m, false, 5400.25m, 1210m, 17520.40m),
            Line(SalesChannel.Walmart, 402, 530, 9120m, null, 1094.40m, true, 0m, 300.10m, 3890.5m),
        ];
        var total = Line(null, pnl.Sum(l => l.Orders), pnl.Sum(l => l.Units), pnl.Sum(l => l.Revenue), 77000m, pnl.Sum(l => l.Fees), true, pnl.Sum(l => l.AdSpend), pnl.Sum(l => l.Refunds), pnl.Sum(l => l.Cogs));
        return new MonthlyReport(
            brandId,
            "Acme Outfitters",
            month,
            "USD",
            "America/New_York",
            new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4)),
            new DateTimeOffset(2026, 12, 1, 0, 0, 0, zone),
            [.. pnl, total],
            findings,
            roadmap,
            [new ScaleCall(SalesChannel.Amazon, "TEE-RED-M", Winner: true, 4210.10m, 310.5m, 500m, "contribution up 3 months in a row")],
            [new RecoveryCheck(1, "fees:shopify:payments", FindingType.FeesAboveSchedule, "finance@acme.example", 800m, 120m, 680m)],
            [new Restatement("order-4410", new ReviewMonth(2026, 10), "refund", -45.20m, new DateTimeOffset(2026, 11, 3, 9, 30, 0, TimeSpan.Zero), "order:4410:refund:r1")],
            new Dictionary<string, long> { ["orderLines"] = 3745, ["adSpendDays"] = 90, ["stockSnapshots"] = 1200 });
    }

    private static PnlLine Line(SalesChannel? channel, int orders, int units, decimal revenue, decimal? target, decimal fees, bool estimated, decimal ads, decimal refunds, decimal cogs) =>
        new(channel, orders, units, revenue, target, fees, estimated, ads, refunds, cogs, revenue - fees - ads - refunds - cogs);

    private static Finding Finding(
        FindingType type, string subject, SalesChannel? channel, string? sku, decimal money, string rootCause, string formula, Dictionary<string, decimal> numbers, string[] rows) =>
        new(type, subject, channel, sku, money, "USD", rootCause, formula, new Evidence(numbers, rows));
}
