using System.Text;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.TikTokShop;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Tests.TestSupport;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Domain.Tests.Channels.TikTokShop;

public sealed class TikTokShopOrderMapperTests
{
    private const string OrderId = "576912345678901234";
    private static readonly TikTokShopWebhookChannel _channel = new();

    private static string Sample() => Encoding.UTF8.GetString(Samples.Bytes("tiktok-order-detail.json"));

    private static Order Map(string json, string id = OrderId) =>
        _channel.MapApiOrder(
            new ChannelOrderDocument(SalesChannel.TikTokShop, id, new Dictionary<string, string> { [ChannelOrderDocument.TikTokOrderDetail] = json }),
            Accounts.TikTok);

    [Fact]
    public void MapApiOrder_OrderDetailSample_MapsIdsStatusDatesAndTotal()
    {
        var order = Map(Sample());

        Assert.Equal("tiktok:576912345678901234", order.Id);
        Assert.Equal("acme", order.BrandId);
        Assert.Equal("7495512345678901234", order.ChannelAccountId);
        Assert.Equal(OrderStatus.AwaitingFulfilment, order.Status);
        Assert.Equal("AWAITING_SHIPMENT", order.ChannelStatus);
        Assert.Equal("USD", order.Currency);
        Assert.Equal(57.51m, order.Total);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 4, 58, TimeSpan.Zero), order.PlacedAt);
        Assert.Equal(new OrderVersion(new DateTimeOffset(2026, 11, 20, 19, 5, 38, TimeSpan.Zero)), order.Version);
        Assert.True(order.IsComplete);
        Assert.Null(order.CancelReason);
        Assert.Empty(order.Fees);
    }

    [Fact]
    public void MapApiOrder_OrderDetailSample_GroupsLineItemsPerSkuIntoQuantities()
    {
        var order = Map(Sample());

        Assert.Collection(
            order.Lines,
            tee =>
            {
                Assert.Equal("1729500000000000101", tee.LineId);
                Assert.Equal("ACME-TEE-BLK-M", tee.Sku);
                Assert.Equal("Acme Classic Tee, Black, M", tee.Title);

                // Two line items with the same sku_id: two units (CHANNELS.md 4.5, unconfirmed rule).
                Assert.Equal(2, tee.Quantity);
                Assert.Equal(24.00m, tee.UnitPrice);

                // Seller (2 × 2.40) plus platform (2 × 0.80) discounts.
                Assert.Equal(6.40m, tee.Discount);
                Assert.Equal(2.50m, tee.Tax);
            },
            mug =>
            {
                Assert.Equal("1729500000000000202", mug.LineId);
                Assert.Equal("ACME-MUG-12OZ", mug.Sku);
                Assert.Equal(1, mug.Quantity);
                Assert.Equal(14.50m, mug.UnitPrice);
                Assert.Equal(1.85m, mug.Discount);
                Assert.Equal(0.76m, mug.Tax);
            });

        // The lines net of both discounts are payment.sub_total, and tax matches payment.tax.
        Assert.Equal(54.25m, order.LinesNet);
        Assert.Equal(3.26m, order.TaxTotal);
    }

    [Fact]
    public void MapApiOrder_UnitsPricedApartWhoseMeanIsNotInCents_UnitPriceInCentsAndLineTotalExact()
    {
        // The tee's second unit at 24.01: the mean of 24.00 and 24.01 is 24.005.
        var order = Map(ReplaceNth(Sample(), "\"original_price\": \"24.00\"", 1, "\"original_price\": \"24.01\""));
        var tee = order.Lines[0];

        Assert.Equal(24.01m, tee.UnitPrice);
        Assert.Equal(48.01m, tee.LinePrice);
        Assert.Equal(48.01m - 6.40m, tee.NetAmount);
        Assert.Equal(48.01m, tee.Quantity * tee.UnitPriceForSums());
    }

    [Fact]
    public void MapApiOrder_OrderDetailSample_ShippingIsOriginalFeeLessBothDiscounts()
    {
        var order = Map(Sample());
        var shipping = order.Shipping;

        Assert.NotNull(shipping);
        Assert.Equal("TIKTOK", shipping.Method);
        Assert.Equal(5.99m, shipping.Price);
        Assert.Equal(5.99m, shipping.Discount);
        Assert.Equal(0m, shipping.Tax);
        Assert.Equal("US", shipping.CountryCode);
        Assert.Equal("43016", shipping.PostalCode);
        Assert.Null(shipping.City);
        Assert.Empty(shipping.Shipments);
        Assert.DoesNotContain("Riley", shipping.ToString(), StringComparison.Ordinal);
        Assert.Equal(order.Total, order.LinesNet + order.TaxTotal + shipping.Price - shipping.Discount);
    }

    [Theory]
    [InlineData("UNPAID", OrderStatus.Pending)]
    [InlineData("ON_HOLD", OrderStatus.Pending)]
    [InlineData("AWAITING_SHIPMENT", OrderStatus.AwaitingFulfilment)]
    [InlineData("AWAITING_COLLECTION", OrderStatus.AwaitingFulfilment)]
    [InlineData("IN_TRANSIT", OrderStatus.Fulfilled)]
    [InlineData("DELIVERED", OrderStatus.Delivered)]
    [InlineData("COMPLETED", OrderStatus.Delivered)]
    [InlineData("CANCELLED", OrderStatus.Cancelled)]
    public void MapApiOrder_EachStatus_MapsToTheCanonicalOne(string status, OrderStatus expected)
    {
        var json = Sample().Replace("\"status\": \"AWAITING_SHIPMENT\"", $"\"status\": \"{status}\"", StringComparison.Ordinal);
        Assert.Equal(expected, Map(json).Status);
    }

    [Fact]
    public void MapApiOrder_PartiallyShippingWithOneUnitInTransit_IsPartiallyFulfilled()
    {
        var json = ReplaceNth(Sample(), "\"display_status\": \"AWAITING_SHIPMENT\"", 0, "\"display_status\": \"IN_TRANSIT\"")
            .Replace("\"status\": \"AWAITING_SHIPMENT\"", "\"status\": \"PARTIALLY_SHIPPING\"", StringComparison.Ordinal);
        var order = Map(json);

        Assert.Equal(OrderStatus.PartiallyFulfilled, order.Status);
        Assert.Equal(1, order.Lines[0].QuantityShipped);
        Assert.Equal(1, order.Lines[0].QuantityOpen);
    }

    [Fact]
    public void MapApiOrder_Delivered_ShipsEveryUnitWhateverTheLinesStillSay()
    {
        var order = Map(Sample().Replace("\"status\": \"AWAITING_SHIPMENT\"", "\"status\": \"DELIVERED\"", StringComparison.Ordinal));

        Assert.All(order.Lines, l => Assert.Equal(l.Quantity, l.QuantityShipped));
        Assert.True(order.ChannelFacts.Delivered);
    }

    [Fact]
    public void MapApiOrder_PaymentArithmetic_SaysPricesExcludeTax()
    {
        // total_amount 57.51 = sub_total 54.25 + shipping_fee 0.00 + tax 3.26.
        Assert.False(Map(Sample()).PricesIncludeTax);
        var inclusive = Sample().Replace("\"total_amount\": \"57.51\"", "\"total_amount\": \"54.25\"", StringComparison.Ordinal);
        Assert.True(Map(inclusive).PricesIncludeTax);
    }

    /// <summary>
    /// Acceptance run gap: a refund visible only through return-status webhooks was lost and the order stayed DELIVERED.
    /// With the order's returns read, the refund is on the order and its line, and the status says so.
    /// </summary>
    [Fact]
    public void MapApiOrder_DeliveredWithARefundedReturn_RecordsTheRefundAndIsPartiallyRefunded()
    {
        var delivered = Sample().Replace("\"status\": \"AWAITING_SHIPMENT\"", "\"status\": \"DELIVERED\"", StringComparison.Ordinal);
        var at = new DateTimeOffset(2026, 11, 25, 16, 20, 5, TimeSpan.Zero);
        var returns = TikTokReturnDocuments.Answer(
        [
            TikTokReturnDocuments.Return(OrderId, "4035312345679990001", "RETURN_AND_REFUND", "RETURN_OR_REFUND_REQUEST_COMPLETE", at.AddDays(-1), at,
                [new("577000000000000103", "1729500000000000202", "ACME-MUG-12OZ", 13.05m, 0.76m)]),
            TikTokReturnDocuments.Return(OrderId, "4035312345679990002", "REFUND", "RETURN_OR_REFUND_REQUEST_PENDING", at, at,
                [new("577000000000000101", "1729500000000000101", "ACME-TEE-BLK-M", 21.60m, 1.25m)]),
        ]);
        var order = _channel.MapApiOrder(
            new ChannelOrderDocument(SalesChannel.TikTokShop, OrderId, new Dictionary<string, string>
            {
                [ChannelOrderDocument.TikTokOrderDetail] = delivered,
                [ChannelOrderDocument.TikTokReturns] = returns,
            }),
            Accounts.TikTok);

        Assert.Equal("DELIVERED", order.ChannelStatus);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal("4035312345679990001", refund.Id);
        Assert.Equal(13.81m, refund.Amount);
        Assert.Equal(0.76m, refund.Tax);
        Assert.Equal(at, refund.RefundedAt);
        Assert.Equal("Item arrived damaged", refund.Reason);
        var mug = order.Lines[1];
        Assert.Equal(1, mug.QuantityRefunded);
        Assert.Equal(1, mug.QuantityReturned);
        Assert.Equal(13.81m, mug.RefundedAmount);
        Assert.Equal(0, order.Lines[0].QuantityRefunded);
        Assert.Equal(13.81m, order.RefundedAmount);
    }

    [Fact]
    public void MapApiOrder_EveryUnitRefunded_IsRefunded()
    {
        var delivered = Sample().Replace("\"status\": \"AWAITING_SHIPMENT\"", "\"status\": \"COMPLETED\"", StringComparison.Ordinal);
        var at = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        var returns = TikTokReturnDocuments.Answer(
        [
            TikTokReturnDocuments.Return(OrderId, "4035312345679990003", "REFUND", "RETURN_OR_REFUND_REQUEST_SUCCESS", at, at,
            [
                new("577000000000000101", "1729500000000000101", "ACME-TEE-BLK-M", 21.60m, 1.25m),
                new("577000000000000102", "1729500000000000101", "ACME-TEE-BLK-M", 21.60m, 1.25m),
                new("577000000000000103", "1729500000000000202", "ACME-MUG-12OZ", 13.05m, 0.76m),
            ]),
        ]);
        var order = _channel.MapApiOrder(
            new ChannelOrderDocument(SalesChannel.TikTokShop, OrderId, new Dictionary<string, string>
            {
                [ChannelOrderDocument.TikTokOrderDetail] = delivered,
                [ChannelOrderDocument.TikTokReturns] = returns,
            }),
            Accounts.TikTok);

        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal(2, order.Lines[0].QuantityRefunded);
        Assert.Equal(0, order.Lines[0].QuantityReturned);
    }

    [Fact]
    public void MapApiOrder_ReturnsOfAnotherOrder_Throws()
    {
        var at = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        var returns = TikTokReturnDocuments.Answer(
            [TikTokReturnDocuments.Return("111", "1", "REFUND", "RETURN_OR_REFUND_REQUEST_SUCCESS", at, at, [])]);
        var ex = Assert.Throws<ChannelPayloadException>(() => _channel.MapApiOrder(
            new ChannelOrderDocument(SalesChannel.TikTokShop, OrderId, new Dictionary<string, string>
            {
                [ChannelOrderDocument.TikTokOrderDetail] = Sample(),
                [ChannelOrderDocument.TikTokReturns] = returns,
            }),
            Accounts.TikTok));
        Assert.Equal($"Search Returns data.return_orders[0].order_id: expected returns of order {OrderId}, found \"111\".", ex.Message);
    }

    [Fact]
    public void MapApiOrder_WebhookSpellingCancel_IsNotAnOrderDetailStatus()
    {
        // The webhook says CANCEL, Get Order Detail says CANCELLED (CHANNELS.md 4.4).
        var json = Sample().Replace("\"status\": \"AWAITING_SHIPMENT\"", "\"status\": \"CANCEL\"", StringComparison.Ordinal);
        var ex = Assert.Throws<ChannelPayloadException>(() => Map(json));
        Assert.StartsWith("Get Order Detail data.orders[0].status: expected one of UNPAID, ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapApiOrder_CancelledWithReason_KeepsTheReason()
    {
        var json = Sample()
            .Replace("\"status\": \"AWAITING_SHIPMENT\"", "\"status\": \"CANCELLED\", \"cancel_reason\": \"Buyer changed mind\"", StringComparison.Ordinal);
        Assert.Equal("Buyer changed mind", Map(json).CancelReason);
    }

    [Fact]
    public void MapApiOrder_LineDisplayStatuses_CountShippedAndCancelledUnits()
    {
        var json = ReplaceNth(Sample(), "\"display_status\": \"AWAITING_SHIPMENT\"", 0, "\"display_status\": \"IN_TRANSIT\"");
        json = ReplaceNth(json, "\"display_status\": \"AWAITING_SHIPMENT\"", 1, "\"display_status\": \"CANCELLED\"");
        var order = Map(json.Replace("\"warehouse_id\"", "\"tracking_number\": \"9400100000000000000000\", \"shipping_provider\": \"USPS\", \"warehouse_id\"", StringComparison.Ordinal));

        Assert.Equal(1, order.Lines[0].QuantityShipped);
        Assert.Equal(0, order.Lines[0].QuantityCancelled);
        Assert.Equal(1, order.Lines[1].QuantityCancelled);
        var shipment = Assert.Single(order.Shipping!.Shipments);
        Assert.Equal("USPS", shipment.Carrier);
        Assert.Equal("9400100000000000000000", shipment.TrackingNumber);
    }

    [Fact]
    public void MapApiOrder_DistrictInfo_GivesStateAndCity()
    {
        var json = Sample().Replace(
            "\"region_code\": \"US\",",
            "\"region_code\": \"US\", \"district_info\": [{\"address_level_name\": \"Country\", \"address_name\": \"United States\"}, {\"address_level_name\": \"State\", \"address_name\": \"Ohio\"}, {\"address_level_name\": \"City\", \"address_name\": \"Dublin\"}],",
            StringComparison.Ordinal);
        var shipping = Map(json).Shipping!;
        Assert.Equal("Ohio", shipping.Region);
        Assert.Equal("Dublin", shipping.City);
    }

    [Fact]
    public void MapApiOrder_ErrorCode_ThrowsWithTheMessage()
    {
        var json = Sample().Replace("\"code\": 0", "\"code\": 36009004", StringComparison.Ordinal).Replace("\"Success\"", "\"Order not found\"", StringComparison.Ordinal);
        var ex = Assert.Throws<ChannelPayloadException>(() => Map(json));
        Assert.Equal("Get Order Detail code: expected 0 (success); message Order not found, found 36009004.", ex.Message);
    }

    [Fact]
    public void MapApiOrder_OrderNotInTheAnswer_Throws()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Map(Sample(), "111"));
        Assert.Equal("Get Order Detail data.orders: expected an order with id 111, found an array of 1.", ex.Message);
    }

    [Fact]
    public void MapApiOrder_PriceWrongType_ThrowsNamingThePath()
    {
        var json = ReplaceNth(Sample(), "\"original_price\": \"24.00\"", 1, "\"original_price\": true");
        var ex = Assert.Throws<ChannelPayloadException>(() => Map(json));
        Assert.Equal("Get Order Detail data.orders[0].line_items[1].original_price: expected a decimal (number or decimal string), found true.", ex.Message);
    }

    [Fact]
    public void MapApiOrder_UpdateTimeMissing_ThrowsNamingIt()
    {
        var json = Sample().Replace("\"update_time\": 1795201538,", string.Empty, StringComparison.Ordinal);
        var ex = Assert.Throws<ChannelPayloadException>(() => Map(json));
        Assert.Equal("Get Order Detail data.orders[0].update_time: expected a value, found nothing.", ex.Message);
    }

    [Fact]
    public void MapApiOrder_LaterUpdateTime_ConvergesOverTheEarlierRead()
    {
        var earlier = Map(Sample());
        var later = Map(Sample()
            .Replace("\"update_time\": 1795201538", "\"update_time\": 1795290000", StringComparison.Ordinal)
            .Replace("\"status\": \"AWAITING_SHIPMENT\"", "\"status\": \"IN_TRANSIT\"", StringComparison.Ordinal));
        Assert.Equal(ConvergenceDecision.Replace, OrderConvergence.Decide(earlier, later));
        Assert.Equal(ConvergenceDecision.KeepStored, OrderConvergence.Decide(later, earlier));
    }

    private static string ReplaceNth(string text, string find, int occurrence, string replacement)
    {
        var index = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            index = text.IndexOf(find, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{find}' occurrence {occurrence} not found");
        }

        return string.Concat(text.AsSpan(0, index), replacement, text.AsSpan(index + find.Length));
    }
}
