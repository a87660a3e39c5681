using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Review.Import;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Review.Import;

/// <summary>Order history imported into the same order truth as webhook orders, through the same converger.</summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class OrderHistoryImportTests(CosmosServerFixture cosmos) : ReviewImportTestBase(cosmos)
{
    [Fact]
    public async Task JsonLines_Orders_LandInTheOrderTruthWithStatusFeesRefundsAndTimeline()
    {
        var record = await ImportOkAsync(ImportKind.Orders, ImportFormat.JsonLines, HistoryFiles.OrdersJsonLines);

        Assert.Equal((3, 3, 0, 3), (record.Rows, record.Written["orders"], record.Written["ordersUnchanged"], record.Written["ordersBeforeGoLive"]));
        var fba = await OrderAsync("amazon:111-1");
        Assert.Equal((OrderStatus.PartiallyRefunded, true, true), (fba.Status, fba.FulfilledByChannel, fba.IsHistory));
        Assert.Equal(new DateTimeOffset(2025, 11, 5, 7, 59, 59, TimeSpan.Zero), fba.ShipBy);
        Assert.Equal((new DateTimeOffset(2025, 11, 4, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 11, 6, 18, 30, 0, TimeSpan.Zero)), (fba.ShippedAt, fba.DeliveredAt));
        var line = Assert.Single(fba.Lines);
        Assert.Equal(("MUG-BLUE-FBA", "MUG-BLUE", 2, 1, 1), (line.Sku, line.SellerSku, line.QuantityShipped, line.QuantityReturned, line.QuantityRefunded));
        Assert.Equal(["fba 6.44 1", "referral 4.50 1"], fba.Fees.Select(f => $"{f.Kind} {f.Amount} {f.LineId}").Order(StringComparer.Ordinal));
        Assert.Equal(("R-1", 16.19m, "damaged"), (fba.Refunds[0].Id, fba.Refunds[0].Amount, fba.Refunds[0].Reason));
        Assert.Equal(new DateTimeOffset(2025, 11, 9, 10, 0, 0, TimeSpan.Zero), fba.Version.UpdatedAt);

        var shopify = await OrderAsync("shopify:5001");
        Assert.Equal((OrderStatus.Fulfilled, "fulfilled", "#1001", false), (shopify.Status, shopify.ChannelStatus, shopify.DisplayNumber, shopify.FulfilledByChannel));
        Assert.Equal(18m + 28.5m, shopify.LinesNet);
        Assert.Null(Assert.Single(shopify.Fees).LineId);
        Assert.Equal(new DateTimeOffset(2025, 11, 11, 12, 0, 0, TimeSpan.Zero), shopify.Version.UpdatedAt);

        var cancelled = await OrderAsync("walmart:W-9");
        Assert.Equal((OrderStatus.Cancelled, "buyer", 2), (cancelled.Status, cancelled.CancelReason, cancelled.Lines[0].QuantityCancelled));
        var stored = await Orders.GetAsync(Brand, "walmart:W-9", Token);
        Assert.Equal(($"import:{record.ImportId}:line:4", OrderHistoryImport.Topic), (stored!.Value.Deliveries[0].DeliveryKey, stored.Value.Deliveries[0].Topic));
    }

    [Fact]
    public async Task Csv_RowsOfAnOrder_BecomeOneOrderWithItsLinesFeesAndRefund()
    {
        var record = await ImportOkAsync(ImportKind.Orders, ImportFormat.Csv, HistoryFiles.OrdersCsv);

        Assert.Equal((3, 2), (record.Rows, record.Written["orders"]));
        var shopify = await OrderAsync("shopify:6001");
        Assert.Equal((OrderStatus.Delivered, 2), (shopify.Status, shopify.Lines.Count));
        Assert.Equal("Tee, M", shopify.Lines[1].Title);
        Assert.Equal(["extra 0.10 12", "label 3.10 -", "shopify-payments 0.82 12", "shopify-payments 1.17 11"],
            shopify.Fees.Select(f => $"{f.Kind} {f.Amount} {f.LineId ?? "-"}").Order(StringComparer.Ordinal));
        var amazon = await OrderAsync("amazon:7001");
        var refund = Assert.Single(amazon.Refunds);
        Assert.Equal(("R-7", 5.10m, 0.10m, "too small", true), (refund.Id, refund.Amount, refund.Tax, refund.Reason, refund.Lines[0].Returned));
        Assert.Equal((OrderStatus.PartiallyRefunded, true, "SOCK"), (amazon.Status, amazon.FulfilledByChannel, amazon.Lines[0].SellerSku));
    }

    [Fact]
    public async Task Csv_RowsOfOneOrderDisagree_AreRejectedNamingBothLines_AndNothingIsWritten()
    {
        var file = HistoryFiles.OrdersCsv.Replace("label=3.10,12,TEE-M", "label=3.10,12,TEE-M", StringComparison.Ordinal)
            .Replace("shopify,acme.myshopify.com,6001,USD,2025-10-03T14:05:00Z,2025-10-06T18:30:00Z,2025-10-03T14:05:00Z,2025-10-04T09:00:00Z,2025-10-06T18:30:00Z,merchant,2025-10-05T23:59:59Z,label=3.10,12",
                "shopify,acme.myshopify.com,6001,EUR,2025-10-03T14:05:00Z,2025-10-06T18:30:00Z,2025-10-03T14:05:00Z,2025-10-04T09:00:00Z,2025-10-06T18:30:00Z,merchant,2025-10-05T23:59:59Z,label=3.10,12", StringComparison.Ordinal);

        var rejected = Assert.IsType<ImportOutcome.Rejected>(await ImportAsync(ImportKind.Orders, ImportFormat.Csv, file));

        var error = Assert.Single(rejected.Errors);
        Assert.Equal((3, "currency (column 4)"), (error.Line, error.Column));
        Assert.Contains("differs from line 2 of order shopify:6001", error.Message, StringComparison.Ordinal);
        Assert.Empty(await WrittenDocumentsAsync());
    }

    [Fact]
    public async Task Csv_RowsOfOneOrderNotConsecutive_AreRejectedNamingTheFirstLine()
    {
        var rows = HistoryFiles.OrdersCsv.Split('\n');
        var file = string.Join('\n', rows[0], rows[1], rows[3], rows[2]) + "\n";

        var rejected = Assert.IsType<ImportOutcome.Rejected>(await ImportAsync(ImportKind.Orders, ImportFormat.Csv, file));

        var error = Assert.Single(rejected.Errors);
        Assert.Equal((4, "externalOrderId (column 3)"), (error.Line, error.Column));
        Assert.Contains("order shopify:6001 is already on line 2; the rows of one order must be consecutive", error.Message, StringComparison.Ordinal);
        Assert.Empty(await WrittenDocumentsAsync());
    }

    [Fact]
    public async Task JsonLines_BadOrders_AreRejectedWithLineAndPath_AndNothingIsWritten()
    {
        var file = HistoryFiles.OrdersJsonLines
            + """{"channel":"shopify","channelAccountId":"acme.myshopify.com","externalOrderId":"5002","currency":"USD","createdAt":"2025-11-10T08:00:00Z","lines":[{"lineId":"1","channelSku":"A","quantity":1,"unitPrice":"12,50"}],"fees":[{"type":"x","amount":1,"lineId":"9"}]}""" + "\n"
            + """{"channel":"shopify","channelAccountId":"acme.myshopify.com","externalOrderId":"5003","currency":"USD","createdAt":"2025-11-10T08:00:00Z","lines":[{"lineId":"1","channelSku":"A","quantity":1,"unitPrice":10}],"refunds":[{"id":"R","time":"2025-11-12","amount":5,"lines":[{"lineId":"1","quantity":1,"amount":10}]}]}""" + "\n"
            + """{"channel":"shopify","channelAccountId":"acme.myshopify.com","externalOrderId":"5001","currency":"USD","createdAt":"2025-11-10T08:00:00Z","lines":[{"lineId":"1","channelSku":"A","quantity":1,"unitPrice":10}]}""" + "\n"
            + "{not json\n";

        var rejected = Assert.IsType<ImportOutcome.Rejected>(await ImportAsync(ImportKind.Orders, ImportFormat.JsonLines, file));

        Assert.Equal(
            [(5, "$.fees[0].lineId"), (5, "$.lines[0].unitPrice"), (6, "$.refunds[0].amount"), (7, "$.externalOrderId"), (8, null)],
            rejected.Errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("order shopify:5001 is already on line 2", rejected.Errors[3].Message, StringComparison.Ordinal);
        Assert.Empty(await WrittenDocumentsAsync());
    }

    [Fact]
    public async Task SameFileTwice_SecondChangesNothing()
    {
        var first = await ImportOkAsync(ImportKind.Orders, ImportFormat.JsonLines, HistoryFiles.OrdersJsonLines);
        var before = await WrittenDocumentsAsync();

        var second = await ImportAsync(ImportKind.Orders, ImportFormat.JsonLines, HistoryFiles.OrdersJsonLines);

        Assert.Equal(first.ImportId, Assert.IsType<ImportOutcome.AlreadyApplied>(second).Record.ImportId);
        Assert.Equal(before, await WrittenDocumentsAsync());
    }

    [Fact]
    public async Task HistoryThenNewerWebhook_IsOneOrder_TheWebhookVersionWinsAndTheImportedRefundStays()
    {
        await ImportOkAsync(ImportKind.Orders, ImportFormat.JsonLines, HistoryFiles.OrdersJsonLines);
        var imported = await OrderAsync("shopify:5001");
        var flows = new RecordingFlowStarter();

        var written = await WebhookConverger(flows).ConvergeAsync(Delivered(imported, imported.Version.UpdatedAt.AddDays(2)), Webhook("dk-1"), Token);

        Assert.Equal(DeliveryOutcome.Applied, written.Outcome);
        var order = await OrderAsync("shopify:5001");
        Assert.Equal((OrderStatus.Delivered, "delivered"), (order.Status, order.ChannelStatus));
        Assert.Equal(["dk-1", "import"], (await Orders.GetAsync(Brand, "shopify:5001", Token))!.Value.Deliveries.Select(d => d.DeliveryKey.Split(':')[0]));
        Assert.Empty(flows.Orders);
    }

    [Fact]
    public async Task NewerWebhookThenOlderHistory_IsOneOrder_TheWebhookSnapshotStays_TheHistoryRefundAndFulfilmentFactMerge()
    {
        var placed = new DateTimeOffset(2025, 11, 3, 14, 5, 0, TimeSpan.Zero);
        var webhook = OrderLedger.Settle(new Order
        {
            BrandId = Brand,
            Channel = SalesChannel.Amazon,
            ChannelAccountId = "A1SELLER",
            ExternalOrderId = "111-1",
            Status = OrderStatus.Pending,
            ChannelStatus = "Shipped",
            Currency = "USD",
            Lines = [new OrderLine("1", "MUG-BLUE-FBA", "Blue mug", 2, 14.99m, 0m, 2.40m, QuantityShipped: 2)],
            PlacedAt = placed,
            Version = new OrderVersion(placed.AddDays(17)),
        });
        var flows = new RecordingFlowStarter();
        await WebhookConverger(flows).ConvergeAsync(webhook, Webhook("dk-1"), Token);

        var record = await ImportOkAsync(ImportKind.Orders, ImportFormat.JsonLines, HistoryFiles.OrdersJsonLines);

        Assert.Equal(3, record.Written["orders"]);
        var order = await OrderAsync("amazon:111-1");
        // The newer webhook's status and version stay; who fulfils, which the webhook did not say, comes from the history.
        Assert.Equal(("Shipped", placed.AddDays(17), (bool?)true), (order.ChannelStatus, order.Version.UpdatedAt, order.FulfilledByChannel));
        Assert.Equal("R-1", Assert.Single(order.Refunds).Id);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Empty(flows.Orders);
    }

    /// <summary>What a webhook would bring later: the order delivered, channel status "delivered", version <paramref name="at"/>.</summary>
    private static Order Delivered(Order order, DateTimeOffset at) => OrderLedger.Settle(order with
    {
        ChannelStatus = "delivered",
        ChannelFacts = order.ChannelFacts with { Delivered = true },
        Lines = [.. order.Lines.Select(l => l with { QuantityShipped = l.Quantity })],
        Version = new OrderVersion(at),
        Timeline = OrderTimeline.Unknown,
    });
}
