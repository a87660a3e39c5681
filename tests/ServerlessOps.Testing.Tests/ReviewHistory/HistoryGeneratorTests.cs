using ServerlessOps.Testing.ReviewHistory;

namespace ServerlessOps.Testing.Tests.ReviewHistory;

/// <summary>The demo history is what the quick start's review is judged on: its planted problems must really be in it.</summary>
public sealed class HistoryGeneratorTests
{
    private static readonly HistoryOptions Options = new(2026, 11, OrdersPerDay: 12) { Now = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero) };

    private static readonly IReadOnlyList<HistoryDay> History = [.. new HistoryGenerator(Options).Days()];

    private static IEnumerable<HistoryOrder> ReviewMonthOrders => History.Where(d => d.Day >= Options.ReviewFirstDay).SelectMany(d => d.Orders);

    [Fact]
    public void Same_seed_gives_the_same_history()
    {
        var again = new HistoryGenerator(Options).Days().SelectMany(d => d.Orders).Select(o => o.ExternalOrderId + o.Lines.Sum(l => l.Quantity)).ToList();

        Assert.Equal(History.SelectMany(d => d.Orders).Select(o => o.ExternalOrderId + o.Lines.Sum(l => l.Quantity)), again);
    }

    [Fact]
    public void History_covers_thirteen_baseline_months_and_the_reviewed_month_on_all_four_channels()
    {
        Assert.Equal(new DateOnly(2025, 10, 1), History[0].Day);
        Assert.Equal(new DateOnly(2026, 11, 30), History[^1].Day);
        Assert.Equal(4, History.SelectMany(d => d.Orders).Select(o => o.Channel).Distinct().Count());
    }

    [Fact]
    public void Nothing_happens_after_now()
    {
        var events = History.SelectMany(d => d.Orders)
            .SelectMany(o => new[] { o.UpdatedAt, o.ShippedAt ?? o.CreatedAt, o.DeliveredAt ?? o.CreatedAt }.Concat(o.Refunds.Select(r => r.RefundedAt)));

        Assert.All(events, e => Assert.True(e <= Options.Now, $"{e:O} is after now"));
    }

    [Fact]
    public void Walmart_ships_a_third_late_in_the_reviewed_month_against_a_small_baseline()
    {
        static double LateShare(IEnumerable<HistoryOrder> orders)
        {
            var shipped = orders.Where(o => o.Channel == HistoryChannel.Walmart && o.ShippedAt is not null).ToList();
            return shipped.Count(o => o.ShippedAt > o.ShipBy) / (double)shipped.Count;
        }

        var baseline = History.Where(d => d.Day < Options.ReviewFirstDay).SelectMany(d => d.Orders);

        Assert.InRange(LateShare(ReviewMonthOrders), 0.2, 0.5);
        Assert.InRange(LateShare(baseline), 0.0, 0.05);
    }

    [Fact]
    public void The_top_seller_is_out_of_stock_ten_days_and_the_lantern_stops_selling_five_months_before()
    {
        var outDays = History.Where(d => d.Day >= Options.ReviewFirstDay)
            .Count(d => d.Snapshots.Single(s => s.Sku == HistoryCatalog.TopSeller).OnHand == 0);
        var lanternSold = History.Where(d => d.Day >= Options.ReviewFirstDay.AddMonths(-5)).SelectMany(d => d.Orders)
            .SelectMany(o => o.Lines).Count(l => l.SellerSku == HistoryCatalog.DeadStock);

        Assert.Equal(10, outDays);
        Assert.Equal(0, lanternSold);
        Assert.True(History[^1].Snapshots.Single(s => s.Sku == HistoryCatalog.DeadStock).OnHand > 300);
    }

    [Fact]
    public void Walmart_charges_twenty_percent_in_the_reviewed_month_and_the_unmapped_gift_set_sells_on_TikTok()
    {
        var walmartLine = ReviewMonthOrders.First(o => o.Channel == HistoryChannel.Walmart && o.CancelledAt is null);
        var line = walmartLine.Lines[0];
        var fee = walmartLine.Fees.Single(f => f.LineId == line.LineId);

        Assert.Equal(decimal.Round(((line.Quantity * line.UnitPrice) - line.Discount) * 0.20m, 2, MidpointRounding.AwayFromZero), fee.Amount);
        Assert.True(ReviewMonthOrders.SelectMany(o => o.Lines).Count(l => l.ChannelSku == HistoryCatalog.UnmappedTikTokSku) >= 10);
    }

    [Fact]
    public void The_mug_sells_under_its_floor_on_Shopify_only_in_the_reviewed_month()
    {
        var mug = HistoryCatalog.Products.Single(p => p.Sku == HistoryCatalog.PromoMug);
        var floor = mug.UnitCost / 0.85m;
        decimal UnitNet(HistoryLine l) => ((l.Quantity * l.UnitPrice) - l.Discount) / l.Quantity;
        var mugLines = (IEnumerable<HistoryDay> days) => days.SelectMany(d => d.Orders).SelectMany(o => o.Lines).Where(l => l.SellerSku == HistoryCatalog.PromoMug);

        Assert.Contains(mugLines(History.Where(d => d.Day >= Options.ReviewFirstDay)), l => UnitNet(l) < floor);
        Assert.DoesNotContain(mugLines(History.Where(d => d.Day < Options.ReviewFirstDay)), l => UnitNet(l) < floor);
    }

    [Fact]
    public void Files_hold_every_order_once_in_monthly_json_lines()
    {
        var directory = Path.Combine(Path.GetTempPath(), "history-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = HistoryFileWriter.Write(Options, directory);
            var written = files.OrderFiles.Sum(f => File.ReadLines(f).Count());

            Assert.Equal(14, files.OrderFiles.Count);
            Assert.Equal(History.Sum(d => d.Orders.Count), written);
            Assert.Equal(files.Orders, written);
            Assert.Contains("amazon,2026-11,", File.ReadAllText(files.TargetsFile), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Reference_files_map_every_channel_sku_but_the_planted_one_and_date_costs_and_fees_before_the_first_order()
    {
        var catalog = HistoryReferenceFiles.Catalog();
        var costs = HistoryReferenceFiles.Costs(Options);
        var fees = HistoryReferenceFiles.Fees(Options);
        var channelSkus = History.SelectMany(d => d.Orders).SelectMany(o => o.Lines).Select(l => l.ChannelSku).Distinct();

        Assert.All(channelSkus.Where(s => s != HistoryCatalog.UnmappedTikTokSku), s => Assert.Contains("," + s + ",", catalog, StringComparison.Ordinal));
        Assert.DoesNotContain(HistoryCatalog.UnmappedTikTokSku, catalog, StringComparison.Ordinal);
        Assert.Contains($"{HistoryCatalog.TopSeller},9.80,USD,2025-09-30T00:00:00Z", costs, StringComparison.Ordinal);
        Assert.Contains("amazon,referral,perLine,net,17,0,0,USD,2026-05-01T05:00:00Z,", fees, StringComparison.Ordinal);
    }
}
