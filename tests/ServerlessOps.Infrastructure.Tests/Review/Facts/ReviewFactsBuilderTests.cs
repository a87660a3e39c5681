using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Audit;
using ServerlessOps.Domain.Review.Audit.Rules;
using ServerlessOps.Domain.Review.Data;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Pnl;
using ServerlessOps.Infrastructure.Review.Facts;

namespace ServerlessOps.Infrastructure.Tests.Review.Facts;

/// <summary>Facts built from crafted orders: the month in the brand's time zone, rates by order day, sold units, costs by date, restatements, the P&amp;L trace.</summary>
public sealed class ReviewFactsBuilderTests
{
    private static readonly ReviewMonth November = new(2026, 11);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OrderMonth_IsTheBrandsLocalMonth_NotUtc()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        fakes.Add("late-november", Utc(2026, 12, 1, 4, 30), Line("L1", "TEE", 1, 10m));   // 23:30 on 30 Nov in New York
        fakes.Add("still-october", Utc(2026, 11, 1, 2, 0), Line("L1", "TEE", 1, 20m));    // 22:00 on 31 Oct in New York

        var built = await BuildAsync(fakes);

        var november = Assert.Single(built.Facts.Sales, s => s.Month == November);
        Assert.Equal(10m, november.Revenue);
        Assert.Equal(20m, Assert.Single(built.Facts.Sales, s => s.Month == new ReviewMonth(2026, 10)).Revenue);
        Assert.Equal([new ReviewMonth(2026, 10)], built.Facts.Baseline);
        Assert.Equal(10m, built.Facts.MonthRevenue);
    }

    [Fact]
    public async Task ForeignCurrency_ConvertsAtTheOrderDaysRate()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        fakes.Rates.Add(new ExchangeRate(ReviewFactsFakes.BrandId, new DateOnly(2026, 11, 1), "EUR", "USD", 1.10m, "rates:1"));
        fakes.Rates.Add(new ExchangeRate(ReviewFactsFakes.BrandId, new DateOnly(2026, 11, 10), "EUR", "USD", 1.20m, "rates:2"));
        fakes.Add("eur-5th", Utc(2026, 11, 5, 15, 0), "EUR", Line("L1", "TEE", 1, 100m));
        fakes.Add("eur-12th", Utc(2026, 11, 12, 15, 0), "EUR", Line("L1", "TEE", 1, 100m));

        var built = await BuildAsync(fakes);

        Assert.Equal(110m + 120m, Assert.Single(built.Facts.Sales).Revenue);
    }

    [Fact]
    public async Task MissingRate_StopsNamingTheCurrencyAndDay()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        fakes.Add("gbp", Utc(2026, 11, 5, 15, 0), "GBP", Line("L1", "TEE", 1, 100m));

        var error = await Assert.ThrowsAsync<MissingExchangeRateException>(() => BuildAsync(fakes));

        Assert.Contains("GBP", error.Message, StringComparison.Ordinal);
        Assert.Contains("2026-11-05", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledUnits_AreExcludedFromUnitsRevenueAndCost()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        fakes.Add("part-cancelled", Utc(2026, 11, 5, 15, 0), Line("L1", "TEE", 3, 10m, discount: 3m, cancelled: 1));

        var sku = Assert.Single((await BuildAsync(fakes)).Facts.Sales);

        Assert.Equal(2, sku.Units);
        Assert.Equal(1, sku.CancelledUnits);
        Assert.Equal((2 * 10m) - 2m, sku.Revenue);
        Assert.Equal(2 * 4m, sku.Cogs);
    }

    [Fact]
    public async Task Cogs_UsesTheUnitCostInEffectAtEachOrdersTime()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var change = Utc(2026, 11, 15, 5, 0);
        fakes.Costs["TEE"] = [new UnitCost("TEE", 4m, "USD", DateTimeOffset.UnixEpoch, null), new UnitCost("TEE", 6m, "USD", change, null)];
        fakes.Add("before", change.AddMinutes(-1), Line("L1", "TEE", 1, 20m));
        fakes.Add("after", change, Line("L1", "TEE", 2, 20m));
        fakes.Add("unmapped", change, Line("L1", "NOT-IN-CATALOG", 1, 20m));

        var built = await BuildAsync(fakes);

        var tee = Assert.Single(built.Facts.Sales, s => s.Sku == "TEE");
        Assert.Equal(4m + (2 * 6m), tee.Cogs);
        var unmapped = Assert.Single(built.Facts.Sales, s => s.Sku == "NOT-IN-CATALOG");
        Assert.False(unmapped.Mapped);
        Assert.Equal(1, unmapped.UnitsWithoutCost);
    }

    [Fact]
    public async Task ScheduledFeesAndFloor_ComeFromThePricingRule()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 8m);
        fakes.Fees.Add(new FeeRule(SalesChannel.Shopify, "transaction", null, FeeScope.PerLine, FeeBasis.Net, 10m, 0m, 0m, "USD", DateTimeOffset.UnixEpoch, null));
        fakes.Add("cheap", Utc(2026, 11, 5, 15, 0), Line("L1", "TEE", 2, 9m));

        var sku = Assert.Single((await BuildAsync(fakes)).Facts.Sales);

        Assert.Equal(1.80m, sku.FeesScheduled);
        Assert.Equal(2, sku.UnitsBelowFloor);
        Assert.Equal((10m - 9m) * 2, sku.FloorShortfall);
    }

    [Fact]
    public async Task PriceFloorFinding_TracesToTheLinesSoldUnderTheFloor_NotToTheSkusFirstSales()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 8m);
        fakes.Fees.Add(new FeeRule(SalesChannel.Shopify, "transaction", null, FeeScope.PerLine, FeeBasis.Net, 10m, 0m, 0m, "USD", DateTimeOffset.UnixEpoch, null));
        for (var day = 1; day <= 6; day++)
        {
            fakes.Add($"full-price-{day}", Utc(2026, 11, day + 1, 15, 0), Line("L1", "TEE", 1, 20m));
        }

        fakes.Add("cheap", Utc(2026, 11, 20, 15, 0), Line("L1", "TEE", 2, 9m));

        var finding = Assert.Single(new PriceBelowFloorRule().Find((await BuildAsync(fakes)).Facts));

        Assert.Equal(["order:shopify:cheap:line:L1"], finding.Evidence.SourceRows);
    }

    [Fact]
    public async Task RefundedLines_AreTheRefundEvidence_NotTheSkusFirstSales()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        for (var day = 1; day <= 6; day++)
        {
            fakes.Add($"kept-{day}", Utc(2026, 11, day + 1, 15, 0), Line("L1", "TEE", 1, 20m));
        }

        var returned = fakes.Add("returned", Utc(2026, 11, 20, 15, 0), Line("L1", "TEE", 1, 20m));
        fakes.Orders[^1] = returned with { Refunds = [new OrderRefund("R1", Utc(2026, 11, 25, 15, 0), 20m, 0m, "return", [new RefundLine("L1", 1, 20m, 0m, Returned: true)])] };

        var sku = Assert.Single((await BuildAsync(fakes)).Facts.Sales);

        Assert.Equal(["order:shopify:returned:line:L1"], sku.RefundSourceRows);
    }

    [Fact]
    public async Task LateRefundOnAnEarlierMonth_IsARestatement_AndNotThisMonthsRefund()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var september = fakes.Add("september", Utc(2026, 9, 10, 15, 0), Line("L1", "TEE", 1, 50m));
        fakes.Orders[0] = september with { Refunds = [new OrderRefund("R1", Utc(2026, 11, 3, 15, 0), 54m, 4m, "late", [new RefundLine("L1", 1, 50m, 4m)])] };
        var november = fakes.Add("november", Utc(2026, 11, 20, 15, 0), Line("L1", "TEE", 1, 30m));
        fakes.Orders[1] = november with { Refunds = [new OrderRefund("R2", Utc(2026, 12, 2, 15, 0), 30m, 0m, "after close", [new RefundLine("L1", 1, 30m, 0m)])] };

        var built = await BuildAsync(fakes);

        var restatement = Assert.Single(built.Restatements);
        Assert.Equal(("shopify:september", new ReviewMonth(2026, 9), -50m), (restatement.OrderId, restatement.OriginalMonth, restatement.Amount));
        Assert.Equal(0m, Assert.Single(built.Facts.Sales, s => s.Month == November).Refunds);
    }

    [Fact]
    public async Task LateRefund_IsRestatedAsWhatItsMonthWouldHaveCountedAsRefunds_WithoutTheShipping()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var september = fakes.Add("september", Utc(2026, 9, 10, 15, 0), Line("L1", "TEE", 1, 50m));
        var november = fakes.Add("november", Utc(2026, 11, 10, 15, 0), Line("L1", "TEE", 1, 50m));

        // The same refund on each: the line's 50 + 4 tax, and 5 of shipping given back with it.
        OrderRefund Refund(string id, DateTimeOffset at) => new(id, at, 59m, 4m, "damaged", [new RefundLine("L1", 1, 50m, 4m)]) { Shipping = 5m };
        fakes.Orders[0] = september with { Refunds = [Refund("R1", Utc(2026, 11, 3, 15, 0))] };
        fakes.Orders[1] = november with { Refunds = [Refund("R2", Utc(2026, 11, 20, 15, 0))] };

        var built = await BuildAsync(fakes);

        var counted = Assert.Single(built.Facts.Sales, s => s.Month == November).Refunds;
        Assert.Equal(50m, counted);
        Assert.Equal(-counted, Assert.Single(built.Restatements).Amount);
    }

    [Fact]
    public async Task RefundNamingNoLine_CountsInTheMonthsRefunds_InEveryPnlFigure()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m).Map("CAP", 2m);
        var november = fakes.Add("november", Utc(2026, 11, 10, 15, 0), Line("L1", "TEE", 1, 75m), Line("L2", "CAP", 1, 25m));

        // A goodwill credit of 12 on no line, and an order-level adjustment of 10 + 1 tax: 22 of the brand's money went back.
        fakes.Orders[0] = november with
        {
            Refunds =
            [
                new OrderRefund("G1", Utc(2026, 11, 12, 15, 0), 12m, 0m, "goodwill", []),
                new OrderRefund("G2", Utc(2026, 11, 14, 15, 0), 11m, 1m, "adjustment", []),
            ],
        };
        using var csv = new StringWriter { NewLine = "\n" };

        var built = await BuildAsync(fakes, csv);

        var shopify = Assert.Single(ProfitAndLoss.For(built.Facts), l => l.Channel == SalesChannel.Shopify);
        Assert.Equal(22m, shopify.Refunds);
        Assert.Equal(22m, built.Facts.MonthSales().Sum(s => s.Refunds));
        var traced = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(r => r.StartsWith("shopify:november,", StringComparison.Ordinal))
            .Sum(r => decimal.Parse(r.Split(',')[9], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(22m, traced);
    }

    [Fact]
    public async Task LateRefundNamingNoLine_IsRestatedByItsRefundId()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var september = fakes.Add("september", Utc(2026, 9, 10, 15, 0), Line("L1", "TEE", 1, 50m));
        fakes.Orders[0] = september with { Refunds = [new OrderRefund("G1", Utc(2026, 11, 3, 15, 0), 12m, 0m, "goodwill", [])] };

        var built = await BuildAsync(fakes);

        var restatement = Assert.Single(built.Restatements);
        Assert.Equal((new ReviewMonth(2026, 9), "refund", -12m, "order:shopify:september:refund:G1"), (restatement.OriginalMonth, restatement.Kind, restatement.Amount, restatement.SourceRow));
    }

    [Fact]
    public async Task RefundOfShippingAlone_StaysOutOfRefunds_AsShippingIsOutOfRevenue()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var november = fakes.Add("november", Utc(2026, 11, 10, 15, 0), Line("L1", "TEE", 1, 50m));
        fakes.Orders[0] = november with { Refunds = [new OrderRefund("S1", Utc(2026, 11, 12, 15, 0), 5.40m, 0.40m, "late delivery", []) { Shipping = 5.40m }] };

        var built = await BuildAsync(fakes);

        Assert.Equal(0m, Assert.Single(built.Facts.MonthSales()).Refunds);
    }

    /// <summary>
    /// A return refunded with a restocking fee kept back: the line says 50 + 4 tax, but 46.50 went back. The review used to
    /// count the line's full 50 as refunded, understating net revenue and contribution by the 7.50 the brand kept.
    /// </summary>
    [Fact]
    public async Task RestockingFeeKeptBack_IsTakenOffTheRefund_AndTracedInThePnlLines()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m).Map("CAP", 2m);
        var november = fakes.Add("november", Utc(2026, 11, 10, 15, 0), Line("L1", "TEE", 1, 50m), Line("L2", "CAP", 1, 25m));
        fakes.Orders[0] = november with { Refunds = [new OrderRefund("R1", Utc(2026, 11, 12, 15, 0), 46.50m, 4m, "return", [new RefundLine("L1", 1, 50m, 4m, Returned: true)])] };
        using var csv = new StringWriter { NewLine = "\n" };

        var built = await BuildAsync(fakes, csv);

        Assert.Equal(42.50m, Assert.Single(ProfitAndLoss.For(built.Facts), l => l.Channel == SalesChannel.Shopify).Refunds);
        Assert.Equal(42.50m, Assert.Single(built.Facts.MonthSales(), s => s.Sku == "TEE").Refunds);
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToDictionary(r => r[1]);
        Assert.Equal(("42.5", "7.5"), (rows["L1"][9], rows["L1"][10]));
        Assert.Equal(("0", "0"), (rows["L2"][9], rows["L2"][10]));
    }

    /// <summary>
    /// A goodwill credit of 10 with its own 0.80 tax, given back with 5.40 of shipping (0.40 of it tax): 16.20 in all. Tax
    /// and shipping are outside revenue, so outside refunds: 10 is the brand's refund. The review used to take all the tax
    /// not on a line as the shipping's and counted 10.80, the goodwill's tax as refund.
    /// </summary>
    [Fact]
    public async Task GoodwillWithItsOwnTax_RefundedWithShipping_CountsTheGoodwillWithoutItsTax()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var november = fakes.Add("november", Utc(2026, 11, 10, 15, 0), Line("L1", "TEE", 1, 50m));
        fakes.Orders[0] = november with { Refunds = [new OrderRefund("G1", Utc(2026, 11, 12, 15, 0), 16.20m, 1.20m, "goodwill", []) { Shipping = 5.40m, ShippingTax = 0.40m }] };

        var built = await BuildAsync(fakes);

        Assert.Equal(10m, Assert.Single(built.Facts.MonthSales()).Refunds);
    }

    [Fact]
    public async Task LateShipment_IsAShipmentAfterTheOrdersOwnShipBy()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var placed = Utc(2026, 11, 5, 15, 0);
        fakes.Add("on-time", placed, Line("L1", "TEE", 1, 10m));
        fakes.Add("late", placed, Line("L1", "TEE", 1, 10m));
        fakes.Orders[0] = fakes.Orders[0] with { ShipBy = placed.AddDays(1), Timeline = new OrderTimeline { ShippedAt = placed.AddHours(20) } };
        fakes.Orders[1] = fakes.Orders[1] with { ShipBy = placed.AddDays(1), Timeline = new OrderTimeline { ShippedAt = placed.AddDays(2) } };

        var channel = Assert.Single((await BuildAsync(fakes)).Facts.Channels);

        Assert.Equal((2, 1), (channel.MerchantShippedOrders, channel.LateShipments));
        Assert.Equal(["order:shopify:late"], channel.LateSourceRows);
    }

    [Fact]
    public async Task PnlLines_HaveOneRowPerContributingLine_SummingToTheMonthsRevenue()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m).Map("CAP", 2m);
        fakes.Add("1", Utc(2026, 11, 5, 15, 0), Line("L1", "TEE", 2, 10m), Line("L2", "CAP", 1, 5m));
        fakes.Add("2", Utc(2026, 11, 6, 15, 0), Line("L1", "CAP", 1, 5m, cancelled: 1));
        fakes.Add("october", Utc(2026, 10, 6, 15, 0), Line("L1", "CAP", 1, 5m));
        using var csv = new StringWriter { NewLine = "\n" };

        var built = await BuildAsync(fakes, csv);

        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows.Length);
        Assert.Equal(built.Facts.MonthRevenue, rows.Sum(r => decimal.Parse(r.Split(',')[5], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(2, built.RowsRead["pnlLines"]);
    }

    /// <summary>
    /// A return refunded on an order whose price the channel withheld: its money is left out of revenue, but the refund the
    /// channel recorded is the brand's money going back, and the P&amp;L counts it. pnl-lines.csv had no row for the line, so
    /// finance could not trace the month's refunds to rows.
    /// </summary>
    [Fact]
    public async Task PnlLines_RefundOfALineWhosePriceTheChannelWithheld_HasARow_SoTheRowsSumToThePnl()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m).Map("CAP", 2m);
        fakes.Add("priced", Utc(2026, 11, 5, 15, 0), Line("L1", "TEE", 1, 50m));
        var withheld = fakes.Add("withheld", Utc(2026, 11, 6, 15, 0), new OrderLine("L1", "CAP", null, 1, null, null, null));
        fakes.Orders[1] = withheld with { Refunds = [new OrderRefund("R1", Utc(2026, 11, 9, 15, 0), 20m, 0m, "return", [new RefundLine("L1", 1, 20m, 0m, Returned: true)])] };
        using var csv = new StringWriter { NewLine = "\n" };

        var built = await BuildAsync(fakes, csv);

        var shopify = Assert.Single(ProfitAndLoss.For(built.Facts), l => l.Channel == SalesChannel.Shopify);
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
        decimal Column(int index) => rows.Sum(r => decimal.Parse(r[index], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((50m, 20m), (shopify.Revenue, shopify.Refunds));
        Assert.Equal((shopify.Revenue, shopify.Refunds), (Column(5), Column(9)));
        Assert.Equal(["0", "0", "0", "", "20", "0"], Assert.Single(rows, r => r[0] == "shopify:withheld")[5..]);
    }

    [Fact]
    public async Task PnlFees_OfASkuWithOnlySomeOrdersSettled_AreTheChargedFeesPlusTheScheduleForTheRest()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 40m);
        fakes.Fees.Add(new FeeRule(SalesChannel.Shopify, "transaction", null, FeeScope.PerLine, FeeBasis.Net, 10m, 0m, 0m, "USD", DateTimeOffset.UnixEpoch, null));
        fakes.Add("settled", Utc(2026, 11, 5, 15, 0), Line("L1", "TEE", 1, 100m));
        fakes.Orders[0] = Settled(fakes.Orders[0], 15m, "t1");
        fakes.Add("not-settled-yet", Utc(2026, 11, 29, 15, 0), Line("L1", "TEE", 1, 100m));
        using var csv = new StringWriter { NewLine = "\n" };

        var built = await BuildAsync(fakes, csv);

        // 15 charged on the settled order, 10 (10 % of 100) scheduled on the one the channel has not settled yet.
        var shopify = Assert.Single(ProfitAndLoss.For(built.Facts), l => l.Channel == SalesChannel.Shopify);
        Assert.Equal((25m, true), (shopify.Fees, shopify.FeesEstimated));
        var traced = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(','))
            .Sum(r => decimal.Parse(r[8].Length > 0 ? r[8] : r[7], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(shopify.Fees, traced);
    }

    [Fact]
    public async Task FeesAboveSchedule_ComparesTheSettledOrdersWithTheirOwnSchedule_WhileOthersAwaitSettlement()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 40m);
        fakes.Fees.Add(new FeeRule(SalesChannel.Shopify, "transaction", null, FeeScope.PerLine, FeeBasis.Net, 10m, 0m, 0m, "USD", DateTimeOffset.UnixEpoch, null));
        for (var day = 1; day <= 6; day++)
        {
            fakes.Add($"o{day}", Utc(2026, 11, day + 10, 15, 0), Line("L1", "TEE", 1, 100m));
        }

        // The first three are settled at 15 each against 10 scheduled; the last three are not settled yet.
        for (var i = 0; i < 3; i++)
        {
            fakes.Orders[i] = Settled(fakes.Orders[i], 15m, $"t{i}");
        }

        var built = await BuildAsync(fakes);

        var finding = Assert.Single(new FeesAboveScheduleRule().Find(built.Facts));
        Assert.Equal(3 * (15m - 10m), finding.MonthlyMoney);
    }

    private static Order Settled(Order order, decimal fee, string transactionId) => order with
    {
        Fees = [new OrderFee("shopify-payments", fee) { LineId = "L1", SourceId = $"settlement:shopify:{transactionId}", RecordedAt = order.PlacedAt.AddDays(1) }],
    };

    private static Task<BuiltReviewFacts> BuildAsync(ReviewFactsFakes fakes, TextWriter? csv = null)
    {
        var brand = ReviewFactsFakes.Brand();
        var builder = new ReviewFactsBuilder(fakes, fakes, fakes);
        return builder.BuildAsync(brand, new ReviewWindow(brand.Id, November, ReviewFactsBuilder.TimeZoneOf(brand)), csv, Token);
    }

    private static OrderLine Line(string id, string sku, int quantity, decimal price, decimal discount = 0m, int cancelled = 0) =>
        new(id, sku, null, quantity, price, discount, 0m, QuantityCancelled: cancelled);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
