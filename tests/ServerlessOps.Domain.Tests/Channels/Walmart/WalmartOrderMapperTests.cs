using System.Text;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Walmart;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Walmart;

public sealed class WalmartOrderMapperTests
{
    private const string PurchaseOrderId = "108812345678901";
    private static readonly WalmartWebhookChannel _channel = new();

    private static string Sample() => Encoding.UTF8.GetString(Samples.Bytes("walmart-get-order.json"));

    private static Order Map(string json, string id = PurchaseOrderId) =>
        _channel.MapApiOrder(
            new ChannelOrderDocument(SalesChannel.Walmart, id, new Dictionary<string, string> { [ChannelOrderDocument.WalmartOrder] = json }),
            Accounts.Walmart);

    private static string LineStatuses(string first, string second) => WithStatuses(Sample(), first, second);

    [Fact]
    public void MapApiOrder_GetOrderSample_MapsIdsDatesStatusAndTotal()
    {
        var order = Map(Sample());

        Assert.Equal("walmart:108812345678901", order.Id);
        Assert.Equal("acme", order.BrandId);
        Assert.Equal("10001234567", order.ChannelAccountId);
        Assert.Equal("200012345678901", order.DisplayNumber);
        Assert.Equal(OrderStatus.AwaitingFulfilment, order.Status);
        Assert.Equal("Created", order.ChannelStatus);
        Assert.Equal("USD", order.Currency);

        // No orderSummary in the sample: the total is every charge plus its tax.
        Assert.Equal(67.22m, order.Total);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 4, 58, TimeSpan.Zero), order.PlacedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 5, 30, TimeSpan.Zero), order.Version.UpdatedAt);
        Assert.True(order.IsComplete);
    }

    [Fact]
    public void MapApiOrder_GetOrderSample_UnitPriceIsTheProductChargeOverQuantity()
    {
        var order = Map(Sample());

        Assert.Collection(
            order.Lines,
            tee =>
            {
                Assert.Equal("1", tee.LineId);
                Assert.Equal("ACME-TEE-BLK-M", tee.Sku);
                Assert.Equal("Acme Classic Tee, Black, M", tee.Title);
                Assert.Equal(2, tee.Quantity);
                Assert.Equal(23.99m, tee.UnitPrice);
                Assert.Equal(0m, tee.Discount);
                Assert.Equal(3.24m, tee.Tax);
                Assert.Equal(47.98m, tee.NetAmount);
            },
            mug =>
            {
                Assert.Equal("2", mug.LineId);
                Assert.Equal("ACME-MUG-12OZ", mug.Sku);
                Assert.Equal(1, mug.Quantity);
                Assert.Equal(14.99m, mug.UnitPrice);
                Assert.Equal(1.01m, mug.Tax);
            });
        Assert.Equal(order.Total, order.LinesNet + order.TaxTotal + order.Shipping!.Price);
    }

    [Fact]
    public void MapApiOrder_GetOrderSample_ShippingKeepsTheCoarseDestination()
    {
        var shipping = Map(Sample()).Shipping;

        Assert.NotNull(shipping);
        Assert.Equal("Standard", shipping.Method);
        Assert.Equal(0m, shipping.Price);
        Assert.Equal(0m, shipping.Tax);
        Assert.Equal("US", shipping.CountryCode);
        Assert.Equal("OH", shipping.Region);
        Assert.Equal("43017", shipping.PostalCode);
        Assert.Equal("Dublin", shipping.City);
        Assert.Empty(shipping.Shipments);
        Assert.DoesNotContain("Casey", shipping.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acknowledged", "Created", OrderStatus.AwaitingFulfilment)]
    [InlineData("Shipped", "Created", OrderStatus.PartiallyFulfilled)]
    [InlineData("Shipped", "Shipped", OrderStatus.Fulfilled)]
    [InlineData("Delivered", "Shipped", OrderStatus.Fulfilled)]
    [InlineData("Delivered", "Delivered", OrderStatus.Delivered)]
    [InlineData("Cancelled", "Canceled", OrderStatus.Cancelled)]
    [InlineData("Cancelled", "Shipped", OrderStatus.Fulfilled)]
    [InlineData("Shipped", "Cancelled", OrderStatus.Fulfilled)]
    public void MapApiOrder_LineStatuses_GiveTheOrderStatus(string first, string second, OrderStatus expected)
    {
        Assert.Equal(expected, Map(LineStatuses(first, second)).Status);
    }

    /// <summary>Acceptance run gap: a Walmart order with one line auto-cancelled reported the status of a fully open order.</summary>
    [Fact]
    public void MapApiOrder_OneLineAutoCancelledTheOtherOpen_IsPartiallyCancelled()
    {
        var order = Map(LineStatuses("Created", "Cancelled"));

        Assert.Equal(OrderStatus.PartiallyCancelled, order.Status);
        Assert.NotEqual(Map(Sample()).Status, order.Status);
        Assert.Equal(2, order.Lines[0].QuantityOpen);
        Assert.Equal(0, order.Lines[1].QuantityOpen);
    }

    [Fact]
    public void MapApiOrder_RefundOnALine_IsRecordedAsARefundOfThatLine()
    {
        var json = Sample().Replace(
            "\"orderLineQuantity\": {\n            \"unitOfMeasurement\": \"EACH\",\n            \"amount\": \"1\"\n          },",
            "\"orderLineQuantity\": {\n            \"unitOfMeasurement\": \"EACH\",\n            \"amount\": \"1\"\n          }, \"refund\": {\"refundId\": \"R-7\", \"refundComments\": \"Damaged\", \"refundCharges\": {\"refundCharge\": [{\"refundReason\": \"ItemDamaged\", \"charge\": {\"chargeType\": \"PRODUCT\", \"chargeName\": \"ItemPrice\", \"chargeAmount\": {\"currency\": \"USD\", \"amount\": -14.99}, \"tax\": {\"taxName\": \"Tax1\", \"taxAmount\": {\"currency\": \"USD\", \"amount\": -1.01}}}}]}},",
            StringComparison.Ordinal);
        var order = Map(WithStatuses(json, "Delivered", "Delivered"));

        var refund = Assert.Single(order.Refunds);
        Assert.Equal("R-7", refund.Id);
        Assert.Equal(16.00m, refund.Amount);
        Assert.Equal(1.01m, refund.Tax);
        Assert.Equal("Damaged", refund.Reason);
        var line = Assert.Single(refund.Lines);
        Assert.Equal("2", line.LineId);
        Assert.Equal(14.99m, line.Amount);
        Assert.Equal(16.00m, order.Lines[1].RefundedAmount);
        Assert.Equal(16.00m, order.RefundedAmount);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal("Delivered", order.ChannelStatus);
    }

    /// <summary>The shipping's tax is stated apart, so the review can tell it from the tax of money given back on no line.</summary>
    [Fact]
    public void MapApiOrder_RefundWithShipping_StatesTheShippingsTaxApart()
    {
        var json = Sample().Replace(
            "\"orderLineQuantity\": {\n            \"unitOfMeasurement\": \"EACH\",\n            \"amount\": \"1\"\n          },",
            "\"orderLineQuantity\": {\n            \"unitOfMeasurement\": \"EACH\",\n            \"amount\": \"1\"\n          }, \"refund\": {\"refundId\": \"R-8\", \"refundCharges\": {\"refundCharge\": ["
            + "{\"refundReason\": \"ItemDamaged\", \"charge\": {\"chargeType\": \"PRODUCT\", \"chargeName\": \"ItemPrice\", \"chargeAmount\": {\"currency\": \"USD\", \"amount\": -14.99}, \"tax\": {\"taxName\": \"Tax1\", \"taxAmount\": {\"currency\": \"USD\", \"amount\": -1.01}}}},"
            + "{\"refundReason\": \"ItemDamaged\", \"charge\": {\"chargeType\": \"SHIPPING\", \"chargeName\": \"Shipping\", \"chargeAmount\": {\"currency\": \"USD\", \"amount\": -5.00}, \"tax\": {\"taxName\": \"Tax1\", \"taxAmount\": {\"currency\": \"USD\", \"amount\": -0.40}}}}]}},",
            StringComparison.Ordinal);
        var order = Map(WithStatuses(json, "Delivered", "Delivered"));

        var refund = Assert.Single(order.Refunds);
        Assert.Equal((21.40m, 1.41m, 5.40m, (decimal?)0.40m), (refund.Amount, refund.Tax, refund.Shipping, refund.ShippingTax));
    }

    [Fact]
    public void MapApiOrder_Prices_AreTaxExclusive()
    {
        Assert.False(Map(Sample()).PricesIncludeTax);
    }

    private static string WithStatuses(string json, string first, string second) =>
        json
            .Replace("\"status\": \"Created\",\n                \"statusQuantity\": {\n                  \"unitOfMeasurement\": \"EACH\",\n                  \"amount\": \"2\"", $"\"status\": \"{first}\",\n                \"statusQuantity\": {{\n                  \"unitOfMeasurement\": \"EACH\",\n                  \"amount\": \"2\"", StringComparison.Ordinal)
            .Replace("\"status\": \"Created\",\n                \"statusQuantity\": {\n                  \"unitOfMeasurement\": \"EACH\",\n                  \"amount\": \"1\"", $"\"status\": \"{second}\",\n                \"statusQuantity\": {{\n                  \"unitOfMeasurement\": \"EACH\",\n                  \"amount\": \"1\"", StringComparison.Ordinal);

    [Fact]
    public void MapApiOrder_CancelledLine_CountsCancelledUnits()
    {
        var order = Map(LineStatuses("Created", "Cancelled"));
        Assert.Equal(1, order.Lines[1].QuantityCancelled);
        Assert.Equal(0, order.Lines[0].QuantityCancelled);
        Assert.Equal("Created,Cancelled", order.ChannelStatus);
    }

    [Fact]
    public void MapApiOrder_ShippedWithTracking_RecordsTheShipment()
    {
        var json = LineStatuses("Shipped", "Created").Replace(
            "\"trackingInfo\": null",
            "\"trackingInfo\": {\"shipDateTime\": 1795280000000, \"carrierName\": {\"otherCarrier\": null, \"carrier\": \"UPS\"}, \"methodCode\": \"Standard\", \"trackingNumber\": \"1Z999AA10123456784\"}",
            StringComparison.Ordinal);
        var order = Map(json);

        Assert.Equal(2, order.Lines[0].QuantityShipped);
        var shipment = Assert.Single(order.Shipping!.Shipments);
        Assert.Equal("UPS", shipment.Carrier);
        Assert.Equal("1Z999AA10123456784", shipment.TrackingNumber);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795280000000), shipment.ShippedAt);
    }

    [Fact]
    public void MapApiOrder_LatestStatusDate_IsTheVersion()
    {
        var json = Sample().Replace("\"statusDate\": 1795201530000,\n          \"orderLineStatuses\": {\n            \"orderLineStatus\": [\n              {\n                \"status\": \"Created\",\n                \"statusQuantity\": {\n                  \"unitOfMeasurement\": \"EACH\",\n                  \"amount\": \"1\"",
            "\"statusDate\": \"2026-11-21T10:00:00.000Z\",\n          \"orderLineStatuses\": {\n            \"orderLineStatus\": [\n              {\n                \"status\": \"Created\",\n                \"statusQuantity\": {\n                  \"unitOfMeasurement\": \"EACH\",\n                  \"amount\": \"1\"", StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero), Map(json).Version.UpdatedAt);
    }

    [Fact]
    public void MapApiOrder_SingleLineAsObject_IsAccepted()
    {
        var json = """
            {"order": {"purchaseOrderId": "1", "customerOrderId": "2", "orderDate": "2026-11-20T19:04:58.000Z",
              "orderLines": {"orderLine": {"lineNumber": "1", "item": {"sku": "S"},
                "charges": {"charge": {"chargeType": "PRODUCT", "chargeName": "ItemPrice", "chargeAmount": {"currency": "USD", "amount": "30.00"}, "tax": null}},
                "orderLineQuantity": {"unitOfMeasurement": "EACH", "amount": "3"}, "statusDate": 1795201530000,
                "orderLineStatuses": {"orderLineStatus": {"status": "Acknowledged"}}}}}}
            """;
        var order = Map(json, "1");
        var line = Assert.Single(order.Lines);
        Assert.Equal(10.00m, line.UnitPrice);
        Assert.Equal(3, line.Quantity);
        Assert.Equal(30.00m, order.Total);
        Assert.Equal(OrderStatus.AwaitingFulfilment, order.Status);
    }

    [Fact]
    public void MapApiOrder_ProductChargeNotDividingByQuantity_UnitPriceInCentsAndLineTotalExact()
    {
        var json = """
            {"order": {"purchaseOrderId": "1", "customerOrderId": "2", "orderDate": "2026-11-20T19:04:58.000Z",
              "orderLines": {"orderLine": {"lineNumber": "1", "item": {"sku": "S"},
                "charges": {"charge": {"chargeType": "PRODUCT", "chargeName": "ItemPrice", "chargeAmount": {"currency": "USD", "amount": "10.00"}, "tax": null}},
                "orderLineQuantity": {"unitOfMeasurement": "EACH", "amount": "3"}, "statusDate": 1795201530000,
                "orderLineStatuses": {"orderLineStatus": {"status": "Acknowledged"}}}}}}
            """;
        var order = Map(json, "1");
        var line = Assert.Single(order.Lines);
        Assert.Equal(3.33m, line.UnitPrice);
        Assert.Equal(10.00m, line.LinePrice);
        Assert.Equal(10.00m, line.NetAmount);
        Assert.Equal(order.Total, order.LinesNet + order.TaxTotal + order.Shipping!.Price);
    }

    [Fact]
    public void MapApiOrder_NegativeProductCharge_IsADiscountAndOrderSummaryIsTheTotal()
    {
        var json = Sample()
            .Replace("\"chargeType\": \"SHIPPING\",\n                \"chargeName\": \"Shipping\",\n                \"chargeAmount\": {\n                  \"currency\": \"USD\",\n                  \"amount\": 0.0",
                "\"chargeType\": \"PRODUCT\",\n                \"chargeName\": \"SubscriptionDiscount\",\n                \"chargeAmount\": {\n                  \"currency\": \"USD\",\n                  \"amount\": -2.40", StringComparison.Ordinal)
            .Replace("\"orderDate\": 1795201498000,", "\"orderDate\": 1795201498000, \"orderSummary\": {\"totalAmount\": {\"currency\": \"USD\", \"amount\": 64.82}},", StringComparison.Ordinal);
        var order = Map(json);
        Assert.Equal(2.40m, order.Lines[0].Discount);
        Assert.Equal(23.99m, order.Lines[0].UnitPrice);
        Assert.Equal(64.82m, order.Total);
    }

    [Fact]
    public void MapApiOrder_QuantityNotANumber_ThrowsNamingThePath()
    {
        var json = Sample().Replace("\"amount\": \"2\"\n          },\n          \"statusDate\"", "\"amount\": true\n          },\n          \"statusDate\"", StringComparison.Ordinal);
        var ex = Assert.Throws<ChannelPayloadException>(() => Map(json));
        Assert.Equal("GET /v3/orders order.orderLines.orderLine[0].orderLineQuantity.amount: expected a decimal string, found true.", ex.Message);
    }

    [Fact]
    public void MapApiOrder_FractionalQuantity_ThrowsNamingThePath()
    {
        var json = Sample().Replace("\"amount\": \"1\"\n          },\n          \"statusDate\"", "\"amount\": \"1.5\"\n          },\n          \"statusDate\"", StringComparison.Ordinal);
        var ex = Assert.Throws<ChannelPayloadException>(() => Map(json));
        Assert.Equal("GET /v3/orders order.orderLines.orderLine[1].orderLineQuantity.amount: expected a whole, non-negative number of units, found \"1.5\".", ex.Message);
    }

    [Fact]
    public void MapApiOrder_UnknownLineStatus_Throws()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Map(LineStatuses("Lost", "Created")));
        Assert.StartsWith("GET /v3/orders order.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].status: expected one of Created, ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapApiOrder_UnknownChargeType_Throws()
    {
        var json = Sample().Replace("\"chargeType\": \"SHIPPING\"", "\"chargeType\": \"GIFTWRAP\"", StringComparison.Ordinal);
        var ex = Assert.Throws<ChannelPayloadException>(() => Map(json));
        Assert.Equal("GET /v3/orders order.orderLines.orderLine[0].charges.charge[1].chargeType: expected one of PRODUCT, SHIPPING, found \"GIFTWRAP\".", ex.Message);
    }

    [Fact]
    public void MapApiOrder_AnotherPurchaseOrder_Throws()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Map(Sample(), "999"));
        Assert.Contains("order.purchaseOrderId: expected purchase order 999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapApiOrder_NoStatusDateAnywhere_Throws()
    {
        var json = Sample().Replace("\"statusDate\": 1795201530000,", string.Empty, StringComparison.Ordinal);
        var ex = Assert.Throws<ChannelPayloadException>(() => Map(json));
        Assert.Contains("statusDate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapApiOrder_LaterStatusDate_ConvergesOverTheEarlierRead()
    {
        var earlier = Map(Sample());
        var later = Map(LineStatuses("Shipped", "Shipped").Replace("1795201530000", "1795290000000", StringComparison.Ordinal));
        Assert.Equal(ConvergenceDecision.Replace, OrderConvergence.Decide(earlier, later));
        Assert.Equal(ConvergenceDecision.KeepStored, OrderConvergence.Decide(later, earlier));
    }
}
