using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Settlements;

/// <summary>The daily settlement import on the real stores (Cosmos server, Azurite) against the stub marketplace's settlement APIs.</summary>
public sealed partial class SettlementImportTests(FunctionAppFixture fixture)
{
    private static readonly SalesChannel[] AllChannels = [SalesChannel.Shopify, SalesChannel.Amazon, SalesChannel.Walmart, SalesChannel.TikTokShop];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SettlementFees_OnEveryChannel_AreWrittenToTheirOrdersToTheCent_AndThePayoutReconciles()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        var payouts = new Dictionary<SalesChannel, string>();
        foreach (var channel in AllChannels)
        {
            await settle.PutOrderAsync(channel, "9001", placed);
            payouts[channel] = settle.Marketplace.PutPayout(channel, PaidOrder("9001", placed, "7001"));
        }

        var report = await settle.RunAsync();

        foreach (var channel in AllChannels)
        {
            var account = SettlementTestApp.For(report, channel);
            Assert.Null(account.Error);
            Assert.Equal([$"{channel.Slug()}:9001"], account.OrdersUpdated);
            Assert.Empty(account.Pending);
            var payout = Assert.Single(account.Payouts);
            Assert.Equal((payouts[channel], 52.79m, 0m, false), (payout.Payout.PayoutId, payout.Expected, payout.Difference, payout.IsMismatch));

            // 60.00 sold less 3.15 + 2.41 + 1.65 of fees = 52.79 paid; the fees are the order's charged fees, to the cent.
            var order = await settle.OrderAsync(channel, "9001");
            Assert.Equal(7.21m, order.Fees.Sum(f => f.Amount));
            Assert.All(order.Fees, f => Assert.StartsWith($"settlement:{channel.Slug()}:", f.SourceId, StringComparison.Ordinal));
        }

        // Where the channel names the line (Amazon's OrderItemId, Walmart's PO line), the fee is charged to it.
        var amazon = await settle.OrderAsync(SalesChannel.Amazon, "9001");
        Assert.Equal(5.56m, amazon.Fees.Where(f => f.LineId == "L1").Sum(f => f.Amount));
        Assert.Equal(1.65m, amazon.Fees.Where(f => f.LineId == "L2").Sum(f => f.Amount));
    }

    [Fact]
    public async Task ReImport_OfTheSameSettlements_ChangesNothing()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        await settle.PutOrderAsync(SalesChannel.Amazon, "9002", placed);
        settle.Marketplace.PutPayout(SalesChannel.Amazon, PaidOrder("9002", placed, "G-1"));
        var first = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);
        var etag = (await settle.Orders.GetAsync("acme", "amazon:9002", Token))!.ETag;

        var again = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);

        Assert.Equal((5, 0), (first.Imported, first.AlreadyImported));
        Assert.Equal((0, 5), (again.Imported, again.AlreadyImported));
        Assert.Empty(again.OrdersUpdated);
        Assert.Equal(etag, (await settle.Orders.GetAsync("acme", "amazon:9002", Token))!.ETag);
        Assert.Equal(3, (await settle.OrderAsync(SalesChannel.Amazon, "9002")).Fees.Count);
    }

    [Fact]
    public async Task PayoutMismatch_IsKeptWithItsDifferenceAndRows_AndRaisedToFinance()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        await settle.PutOrderAsync(SalesChannel.Walmart, "9003", placed);
        var payoutId = settle.Marketplace.PutPayout(SalesChannel.Walmart, PaidOrder("9003", placed, "ignored"));
        settle.Marketplace.PlantPayoutMismatch(SalesChannel.Walmart, payoutId, -12.34m);

        var walmart = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Walmart);

        var payout = Assert.Single(walmart.Payouts);
        Assert.True(payout.IsMismatch);
        Assert.Equal((40.45m, 52.79m, -12.34m), (payout.Payout.Amount, payout.Expected, payout.Difference));
        Assert.Equal(5, payout.Rows.Count);

        // Kept where finance and the review read it.
        using var response = await settle.App.Client.Http.GetAsync("api/brands/acme/settlements/payouts?mismatches=true", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.EnumerateArray());
        Assert.Equal(-12.34m, listed.GetProperty("difference").GetDecimal());
        Assert.Equal(payout.Rows, listed.GetProperty("rows").EnumerateArray().Select(r => r.GetString()!).ToList());

        var alert = Assert.Single(await settle.App.Services.GetRequiredService<IAlertStore>().ListAsync("acme", kind: AlertKind.PayoutMismatch, cancellationToken: Token));
        Assert.Equal((Domain.Brands.BrandSignal.Finance, "-12.34", 12.34m), (alert.Signal, alert.Evidence["difference"], alert.MoneyAtStake!.Amount));
        Assert.Equal($"walmart:{SettlementTestApp.AccountId(SalesChannel.Walmart)}:{payoutId}", alert.Subject.Id);
        Assert.Contains("but its 5 settlement rows add up to 52.79: a difference of -12.34.", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayoutMismatch_OfOneRow_IsToldInAPlainSentence()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        await settle.PutOrderAsync(SalesChannel.Walmart, "9004", placed);
        var payoutId = settle.Marketplace.PutPayout(SalesChannel.Walmart, new StubPayout("ignored", "USD", placed.AddDays(3),
            [new StubSettlementRow("9004", StubSettlementKind.Sale, 40m, placed.AddHours(30)) { Sku = "SKU-A", LineId = "L1" }]));
        settle.Marketplace.PlantPayoutMismatch(SalesChannel.Walmart, payoutId, -1.00m);

        await settle.RunAsync();

        var alert = Assert.Single(await settle.App.Services.GetRequiredService<IAlertStore>().ListAsync("acme", kind: AlertKind.PayoutMismatch, cancellationToken: Token));
        Assert.Contains("but its one settlement row adds up to 40.00: a difference of -1.00.", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadChannelAnswer_GivesAnErrorNamingChannelAndField_AndWritesNothing()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        await settle.PutOrderAsync(SalesChannel.Amazon, "9004", placed);
        settle.Marketplace.PutPayout(SalesChannel.Amazon, PaidOrder("9004", placed, "G-4"));
        settle.Marketplace.BreakNextSettlementAnswer(SalesChannel.Amazon);

        var amazon = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);

        Assert.NotNull(amazon.Error);
        Assert.Contains("Amazon", amazon.Error, StringComparison.Ordinal);
        Assert.Contains("payload.FinancialEventGroupList[0].OriginalTotal", amazon.Error, StringComparison.Ordinal);
        Assert.Empty((await settle.OrderAsync(SalesChannel.Amazon, "9004")).Fees);
        Assert.Empty(await settle.Store.ListPayoutLinesAsync("acme", SalesChannel.Amazon, SettlementTestApp.AccountId(SalesChannel.Amazon), "G-4", Token));
        Assert.Empty((await settle.Store.ListReconciliationsAsync("acme", mismatchesOnly: false, new PageRequest(100), Token)).Items);

        // The answer is whole again: the next run imports it all.
        var next = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);
        Assert.Equal((null, 5), (next.Error, next.Imported));
    }

    [Fact]
    public async Task RowsOfAnOrderNotInTheTruthYet_StayPending_AndAreMatchedOnceItArrives()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        settle.Marketplace.PutPayout(SalesChannel.TikTokShop, PaidOrder("9005", placed, "S-5"));

        var before = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.TikTokShop);
        Assert.Equal(["9005"], before.Pending);
        Assert.Equal(["9005"], Assert.Single(before.Payouts).UnmatchedOrders);

        await settle.PutOrderAsync(SalesChannel.TikTokShop, "9005", placed);
        var after = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.TikTokShop);

        Assert.Empty(after.Pending);
        Assert.Equal(["tiktok:9005"], after.OrdersUpdated);
        Assert.Empty(Assert.Single(after.Payouts).UnmatchedOrders);
        Assert.Equal(7.21m, (await settle.OrderAsync(SalesChannel.TikTokShop, "9005")).Fees.Sum(f => f.Amount));
    }

    [Fact]
    public async Task PayoutRowInAnotherCurrency_FailsOnlyItsAccount_WritesNothingOfIt_AndTheOtherAccountsGoOn()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        await settle.PutOrderAsync(SalesChannel.Amazon, "9006", placed);
        await settle.PutOrderAsync(SalesChannel.Walmart, "9006", placed);
        var mixed = PaidOrder("9006", placed, "G-6");
        settle.Marketplace.PutPayout(SalesChannel.Amazon, mixed with { Rows = [.. mixed.Rows.Select((r, i) => i == 3 ? r with { Currency = "CAD" } : r)] });
        settle.Marketplace.PutPayout(SalesChannel.Walmart, PaidOrder("9006", placed, "ignored"));

        var report = await settle.RunAsync();

        // Amazon's answer cannot be summed: its account says why and wrote nothing (no rows, no fees, no reconciliation).
        var amazon = SettlementTestApp.For(report, SalesChannel.Amazon);
        Assert.NotNull(amazon.Error);
        Assert.Contains("G-6", amazon.Error, StringComparison.Ordinal);
        Assert.Contains("CAD", amazon.Error, StringComparison.Ordinal);
        Assert.Empty((await settle.OrderAsync(SalesChannel.Amazon, "9006")).Fees);
        Assert.Empty(await settle.Store.ListPayoutLinesAsync("acme", SalesChannel.Amazon, SettlementTestApp.AccountId(SalesChannel.Amazon), "G-6", Token));

        // The account after it in the run is imported and reconciled as usual.
        var walmart = SettlementTestApp.For(report, SalesChannel.Walmart);
        Assert.Null(walmart.Error);
        Assert.Equal(["walmart:9006"], walmart.OrdersUpdated);
        Assert.False(Assert.Single(walmart.Payouts).IsMismatch);
        Assert.Equal(7.21m, (await settle.OrderAsync(SalesChannel.Walmart, "9006")).Fees.Sum(f => f.Amount));
    }

    [Fact]
    public async Task AmazonServiceFee_ReadAgainAfterItsOpenGroupGrew_IsImportedOnce_AndTheClosedGroupReconciles()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        await settle.PutOrderAsync(SalesChannel.Amazon, "9007", placed);
        var subscription = new StubSettlementRow(null, StubSettlementKind.Fee, -39.99m, placed.AddHours(2)) { FeeType = "Subscription" };
        var firstShipment = new StubSettlementRow("9007", StubSettlementKind.Sale, 40m, placed.AddHours(30)) { Sku = "SKU-A", LineId = "L1" };
        var laterShipment = new StubSettlementRow("9007", StubSettlementKind.Sale, 20m, placed.AddHours(54)) { Sku = "SKU-B", LineId = "L2" };

        // Read while the group is open (Amazon imports its rows), then again once a later shipment joined it and it closed.
        settle.Marketplace.PutPayout(SalesChannel.Amazon, new StubPayout("G-7", "USD", placed.AddDays(3), [firstShipment, subscription]) { Open = true });
        var open = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);
        settle.Marketplace.PutPayout(SalesChannel.Amazon, new StubPayout("G-7", "USD", placed.AddDays(3), [firstShipment, laterShipment, subscription]));
        var closed = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);

        Assert.Equal((2, 0), (open.Imported, open.AlreadyImported));
        Assert.Empty(open.Payouts);
        Assert.Equal((1, 2), (closed.Imported, closed.AlreadyImported));
        var payout = Assert.Single(closed.Payouts);
        Assert.Equal((20.01m, 0m, 3), (payout.Expected, payout.Difference, payout.Rows.Count));
        Assert.Empty(await settle.App.Services.GetRequiredService<IAlertStore>().ListAsync("acme", kind: AlertKind.PayoutMismatch, cancellationToken: Token));
    }

    [Fact]
    public async Task AmazonPayout_WithMarketplaceFacilitatorTaxWithheld_Reconciles_AndRaisesNoMismatch()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        await settle.PutOrderAsync(SalesChannel.Amazon, "9008", placed);
        var paid = PaidOrder("9008", placed, "G-8");
        settle.Marketplace.PutPayout(SalesChannel.Amazon, paid with { Rows = [.. paid.Rows.Select(r => r.Kind == StubSettlementKind.Sale ? r with { TaxWithheld = r.Amount * 0.0825m } : r)] });

        var amazon = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);

        // Amazon charged 4.95 of tax and withheld it: the group pays 52.79, and its rows (tax and withholding included) say so.
        var payout = Assert.Single(amazon.Payouts);
        Assert.Equal((52.79m, 52.79m, 0m, false), (payout.Payout.Amount, payout.Expected, payout.Difference, payout.IsMismatch));
        Assert.Empty(await settle.App.Services.GetRequiredService<IAlertStore>().ListAsync("acme", kind: AlertKind.PayoutMismatch, cancellationToken: Token));
        Assert.Equal(7.21m, (await settle.OrderAsync(SalesChannel.Amazon, "9008")).Fees.Sum(f => f.Amount));
    }

    [Fact]
    public async Task AmazonGroupWithAdsDealCouponAndChargeback_IsReconciled_EachAsARowOfItsOwn()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        await settle.PutOrderAsync(SalesChannel.Amazon, "9011", placed);
        var paid = PaidOrder("9011", placed, "G-11");
        var posted = placed.AddHours(40);

        // Sponsored Products bought on credit, a lightning deal's fee and a coupon's, all taken from the proceeds, and a
        // card chargeback on line L2: the group pays 52.79 - 10.00 - 5.00 - 0.60 - 20.00 = 17.19.
        settle.Marketplace.PutPayout(SalesChannel.Amazon, paid with
        {
            Rows =
            [
                .. paid.Rows,
                new StubSettlementRow(null, StubSettlementKind.Fee, -10.00m, posted) { AmazonList = "ProductAdsPaymentEventList" },
                new StubSettlementRow(null, StubSettlementKind.Fee, -5.00m, posted) { AmazonList = "SellerDealPaymentEventList" },
                new StubSettlementRow(null, StubSettlementKind.Fee, -0.60m, posted) { AmazonList = "CouponPaymentEventList" },
                new StubSettlementRow("9011", StubSettlementKind.Refund, -20.00m, posted) { Sku = "SKU-B", LineId = "L2", AmazonList = "ChargebackEventList" },
            ],
        });

        var amazon = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);

        Assert.Null(amazon.Error);
        var payout = Assert.Single(amazon.Payouts);
        Assert.Equal((17.19m, 17.19m, 0m, false), (payout.Payout.Amount, payout.Expected, payout.Difference, payout.IsMismatch));
        Assert.Empty(await settle.App.Services.GetRequiredService<IAlertStore>().ListAsync("acme", kind: AlertKind.PayoutMismatch, cancellationToken: Token));
        var lines = await settle.Store.ListPayoutLinesAsync("acme", SalesChannel.Amazon, SettlementTestApp.AccountId(SalesChannel.Amazon), "G-11", Token);
        Assert.Equal(
            ["ChargebackEventList Refund -20.00", "CouponPaymentEventList Fee CouponPayment -0.60", "ProductAdsPaymentEventList Fee ProductAdsPayment -10.00", "SellerDealPaymentEventList Fee RunLightningDealFee -5.00"],
            lines.Where(l => l.ExternalOrderId is null || l.Source?.Contains("Chargeback", StringComparison.Ordinal) == true).Select(Row).Order(StringComparer.Ordinal));

        // "{event list} {kind} {fee type} {amount}": the list is where the row came from (its source, up to the first index).
        static string Row(SettlementLine line) => string.Join(' ', new[]
        {
            (line.Source ?? string.Empty).Split('[')[0].Split('.')[^1], line.Kind.ToString(), line.FeeType, line.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        }.OfType<string>());
    }

    [Fact]
    public async Task ShopifyPayouts_MoreThanOnePage_AreAllReconciled_AndAShortOneOnALaterPageIsRaised()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var paidAt = DateTimeOffset.UtcNow.AddDays(-5);

        // A shop paid several times a day: 51 payouts in the lookback, one more than Shopify's default page of 50.
        var payouts = Enumerable.Range(1, 51).Select(i => settle.Marketplace.PutPayout(SalesChannel.Shopify, new StubPayout(
            (8100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "USD", paidAt.AddMinutes(i),
            [new StubSettlementRow(null, StubSettlementKind.Adjustment, 10m + i, paidAt.AddMinutes(i - 60))]))).ToList();
        settle.Marketplace.PlantPayoutMismatch(SalesChannel.Shopify, payouts[^1], -4.20m);

        var shopify = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Shopify);

        Assert.Null(shopify.Error);
        Assert.Equal(payouts, shopify.Payouts.Select(p => p.Payout.PayoutId).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(51, shopify.Imported);
        var shortPaid = Assert.Single(shopify.Payouts, p => p.IsMismatch);
        Assert.Equal((payouts[^1], -4.20m), (shortPaid.Payout.PayoutId, shortPaid.Difference));
        var alert = Assert.Single(await settle.App.Services.GetRequiredService<IAlertStore>().ListAsync("acme", kind: AlertKind.PayoutMismatch, cancellationToken: Token));
        Assert.Equal($"shopify:{SettlementTestApp.AccountId(SalesChannel.Shopify)}:{payouts[^1]}", alert.Subject.Id);
    }

    [Fact]
    public async Task ShopifyPayoutBadOnALaterPage_TheErrorNamesItsPlaceInTheWholeList()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var paidAt = DateTimeOffset.UtcNow.AddDays(-5);

        // 51 payouts: Shopify's first page holds 50, and the 51st (the first of page two) names no valid currency.
        for (var i = 1; i <= 51; i++)
        {
            settle.Marketplace.PutPayout(SalesChannel.Shopify, new StubPayout(
                (8200 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), i == 51 ? "US$" : "USD", paidAt.AddMinutes(i),
                [new StubSettlementRow(null, StubSettlementKind.Adjustment, 10m + i, paidAt.AddMinutes(i - 60)) { Currency = "USD" }]));
        }

        var shopify = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Shopify);

        Assert.NotNull(shopify.Error);
        Assert.Contains("payouts[50].currency", shopify.Error, StringComparison.Ordinal);
        Assert.Equal(0, shopify.Imported);
    }

    /// <summary>Order lines L1 (SKU-A, 40.00) and L2 (SKU-B, 20.00) sold, with a referral and a fulfilment fee on L1 and a referral fee on L2: 52.79 paid.</summary>
    private static StubPayout PaidOrder(string orderId, DateTimeOffset placed, string payoutId)
    {
        var posted = placed.AddHours(30);
        return new StubPayout(payoutId, "USD", placed.AddDays(3),
        [
            new StubSettlementRow(orderId, StubSettlementKind.Sale, 40m, posted) { Sku = "SKU-A", LineId = "L1" },
            new StubSettlementRow(orderId, StubSettlementKind.Fee, -3.15m, posted) { Sku = "SKU-A", LineId = "L1", FeeType = "Commission" },
            new StubSettlementRow(orderId, StubSettlementKind.Fee, -2.41m, posted) { Sku = "SKU-A", LineId = "L1", FeeType = "FBAPerUnitFulfillmentFee" },
            new StubSettlementRow(orderId, StubSettlementKind.Sale, 20m, posted) { Sku = "SKU-B", LineId = "L2" },
            new StubSettlementRow(orderId, StubSettlementKind.Fee, -1.65m, posted) { Sku = "SKU-B", LineId = "L2", FeeType = "Commission" },
        ]);
    }
}
