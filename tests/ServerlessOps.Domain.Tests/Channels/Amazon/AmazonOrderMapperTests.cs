using System.Text;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Amazon;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Amazon;

public sealed class AmazonOrderMapperTests
{
    private const string OrderId = "114-3941689-8772232";
    private static readonly AmazonWebhookChannel _channel = new();

    // getOrder as the SP-API ordersV0 model shapes it (CHANNELS.md 2.7); consistent with the order-items sample.
    internal const string UnshippedOrder = """
        {"payload": {
          "AmazonOrderId": "114-3941689-8772232",
          "PurchaseDate": "2026-11-20T19:01:12Z",
          "LastUpdateDate": "2026-11-20T19:05:39Z",
          "OrderStatus": "Unshipped",
          "FulfillmentChannel": "MFN",
          "SalesChannel": "Amazon.com",
          "ShipServiceLevel": "Std US D2D Dom",
          "ShipmentServiceLevelCategory": "Standard",
          "OrderTotal": {"CurrencyCode": "USD", "Amount": "70.24"},
          "NumberOfItemsShipped": 0,
          "NumberOfItemsUnshipped": 3,
          "MarketplaceId": "ATVPDKIKX0DER",
          "EarliestShipDate": "2026-11-21T08:00:00Z",
          "LatestShipDate": "2026-11-23T07:59:59Z",
          "ShippingAddress": {"Name": "Jordan Lee", "AddressLine1": "100 Example Ave", "City": "Columbus", "StateOrRegion": "OH", "PostalCode": "43004-1234", "CountryCode": "US"}
        }}
        """;

    private const string PendingOrder = """
        {"payload": {
          "AmazonOrderId": "114-3941689-8772232",
          "PurchaseDate": "2026-11-20T19:01:12Z",
          "LastUpdateDate": "2026-11-20T19:01:40Z",
          "OrderStatus": "Pending",
          "FulfillmentChannel": "MFN",
          "MarketplaceId": "ATVPDKIKX0DER"
        }}
        """;

    private const string PendingItems = """
        {"payload": {"AmazonOrderId": "114-3941689-8772232", "OrderItems": [
          {"ASIN": "B0EXAMPL01", "SellerSKU": "ACME-TEE-BLK-M", "OrderItemId": "30582183440121", "QuantityOrdered": 2, "QuantityShipped": 0},
          {"ASIN": "B0EXAMPL02", "SellerSKU": "ACME-MUG-12OZ", "OrderItemId": "30582183440122", "QuantityOrdered": 1, "QuantityShipped": 0}
        ]}}
        """;

    internal static ChannelOrderDocument Document(string order, string items, string orderId = OrderId) =>
        new(SalesChannel.Amazon, orderId, new Dictionary<string, string>
        {
            [ChannelOrderDocument.AmazonOrder] = order,
            [ChannelOrderDocument.AmazonOrderItems] = items,
        });

    private static string SampleItems() => Encoding.UTF8.GetString(Samples.Bytes("amazon-orders-api-order-items.json"));

    [Fact]
    public void MapApiOrder_UnshippedOrder_MapsHeaderStatusVersionAndTotal()
    {
        var order = _channel.MapApiOrder(Document(UnshippedOrder, SampleItems()), Accounts.Amazon);

        Assert.Equal("amazon:114-3941689-8772232", order.Id);
        Assert.Equal("acme", order.BrandId);
        Assert.Equal("A2EXAMPLESELLR1", order.ChannelAccountId);
        Assert.Equal(OrderStatus.AwaitingFulfilment, order.Status);
        Assert.Equal("Unshipped", order.ChannelStatus);
        Assert.Equal("USD", order.Currency);
        Assert.Equal(70.24m, order.Total);
        Assert.True(order.IsComplete);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 1, 12, TimeSpan.Zero), order.PlacedAt);
        Assert.Equal(new OrderVersion(new DateTimeOffset(2026, 11, 20, 19, 5, 39, TimeSpan.Zero)), order.Version);
    }

    [Fact]
    public void MapApiOrder_OrderItemsSample_DerivesUnitPriceFromItemPriceOverQuantity()
    {
        var order = _channel.MapApiOrder(Document(UnshippedOrder, SampleItems()), Accounts.Amazon);

        Assert.Collection(
            order.Lines,
            tee =>
            {
                Assert.Equal("30582183440121", tee.LineId);
                Assert.Equal("ACME-TEE-BLK-M", tee.Sku);
                Assert.Equal("Acme Classic Tee, Black, M", tee.Title);
                Assert.Equal(2, tee.Quantity);
                Assert.Equal(23.99m, tee.UnitPrice);
                Assert.Equal(0m, tee.Discount);
                Assert.Equal(2.88m, tee.Tax);
                Assert.Equal(47.98m, tee.NetAmount);
            },
            mug =>
            {
                Assert.Equal("ACME-MUG-12OZ", mug.Sku);
                Assert.Equal(1, mug.Quantity);
                Assert.Equal(14.99m, mug.UnitPrice);
                Assert.Equal(1.50m, mug.Discount);
                Assert.Equal(0.90m, mug.Tax);
            });
        Assert.Equal(61.47m, order.LinesNet);
        Assert.Equal(order.Total, order.LinesNet + order.TaxTotal + order.Shipping!.Price - order.Shipping.Discount);
    }

    [Fact]
    public void MapApiOrder_OrderItemsSample_SumsShippingAndKeepsTheCoarseAddress()
    {
        var shipping = _channel.MapApiOrder(Document(UnshippedOrder, SampleItems()), Accounts.Amazon).Shipping;

        Assert.NotNull(shipping);
        Assert.Equal("Standard", shipping.Method);
        Assert.Equal(4.99m, shipping.Price);
        Assert.Equal(0m, shipping.Tax);
        Assert.Equal(0m, shipping.Discount);
        Assert.Equal("US", shipping.CountryCode);
        Assert.Equal("OH", shipping.Region);
        Assert.Equal("43004-1234", shipping.PostalCode);
        Assert.Equal("Columbus", shipping.City);
        Assert.DoesNotContain("Jordan", shipping.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MapApiOrder_ItemPriceNotDividingByQuantity_UnitPriceInCentsAndLineTotalExact()
    {
        var items = """
            {"payload": {"OrderItems": [{"SellerSKU": "S", "OrderItemId": "1", "QuantityOrdered": 3, "ItemPrice": {"CurrencyCode": "USD", "Amount": "10.00"}}]}}
            """;
        var line = Assert.Single(_channel.MapApiOrder(Document(UnshippedOrder, items), Accounts.Amazon).Lines);
        Assert.Equal(3.33m, line.UnitPrice);

        // The line's money still adds up to the ItemPrice Amazon charged, not to 3 × 3.33.
        Assert.Equal(10.00m, line.LinePrice);
        Assert.Equal(10.00m, line.NetAmount);
        Assert.Equal(10.00m, line.Quantity * line.UnitPriceForSums());
    }

    [Fact]
    public void MapApiOrder_PendingOrder_IsIncompleteWithUnknownPrices()
    {
        var order = _channel.MapApiOrder(Document(PendingOrder, PendingItems), Accounts.Amazon);

        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.False(order.IsComplete);
        Assert.Equal("USD", order.Currency);
        Assert.Null(order.Total);
        Assert.All(order.Lines, l => Assert.Null(l.UnitPrice));
        Assert.Null(order.LinesNet);
        Assert.Equal([2, 1], order.Lines.Select(l => l.Quantity));
    }

    [Fact]
    public void MapApiOrder_PendingThenUnshippedAtSameVersion_CompleteReplacesIncomplete()
    {
        var pending = _channel.MapApiOrder(Document(PendingOrder, PendingItems), Accounts.Amazon);
        var unshipped = _channel.MapApiOrder(Document(UnshippedOrder, SampleItems()), Accounts.Amazon);

        Assert.Equal(ConvergenceDecision.Replace, OrderConvergence.Decide(pending, unshipped));
        Assert.Equal(ConvergenceDecision.KeepStored, OrderConvergence.Decide(unshipped, pending));
    }

    [Fact]
    public void MapApiOrder_UnshippedItemWithoutPrice_ThrowsNamingTheItem()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => _channel.MapApiOrder(Document(UnshippedOrder, PendingItems), Accounts.Amazon));
        Assert.Equal("getOrderItems payload.OrderItems[0].ItemPrice: expected a value, found nothing.", ex.Message);
    }

    [Fact]
    public void MapApiOrder_UnknownStatus_ThrowsListingTheKnownOnes()
    {
        var order = UnshippedOrder.Replace("\"Unshipped\"", "\"Teleported\"", StringComparison.Ordinal);
        var ex = Assert.Throws<ChannelPayloadException>(() => _channel.MapApiOrder(Document(order, SampleItems()), Accounts.Amazon));
        Assert.StartsWith("getOrder payload.OrderStatus: expected one of Pending, ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("found \"Teleported\".", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapApiOrder_OtherOrdersAnswer_Throws()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => _channel.MapApiOrder(Document(UnshippedOrder, SampleItems(), "999-0000000-0000000"), Accounts.Amazon));
        Assert.Contains("payload.AmazonOrderId: expected order 999-0000000-0000000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapApiOrder_ItemsOfAnotherOrder_Throws()
    {
        var items = SampleItems().Replace(OrderId, "111-1111111-1111111", StringComparison.Ordinal);
        var ex = Assert.Throws<ChannelPayloadException>(() => _channel.MapApiOrder(Document(UnshippedOrder, items), Accounts.Amazon));
        Assert.StartsWith("getOrderItems payload.AmazonOrderId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapApiOrder_ItemsWithNextToken_ThrowsRatherThanDropLines()
    {
        var items = SampleItems().Replace("\"OrderItems\": [", "\"NextToken\": \"page-2\", \"OrderItems\": [", StringComparison.Ordinal);
        var ex = Assert.Throws<ChannelPayloadException>(() => _channel.MapApiOrder(Document(UnshippedOrder, items), Accounts.Amazon));
        Assert.Equal("getOrderItems payload.NextToken: expected every page of order items merged into one answer (no NextToken), found \"page-2\".", ex.Message);
    }

    [Fact]
    public void MapApiOrder_MissingItemsPart_Throws()
    {
        var document = new ChannelOrderDocument(SalesChannel.Amazon, OrderId, new Dictionary<string, string> { [ChannelOrderDocument.AmazonOrder] = UnshippedOrder });
        var ex = Assert.Throws<ChannelPayloadException>(() => _channel.MapApiOrder(document, Accounts.Amazon));
        Assert.Contains("'orderItems'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapApiOrder_MalformedJson_ThrowsNamingTheDocument()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => _channel.MapApiOrder(Document("{\"payload\": ", SampleItems()), Accounts.Amazon));
        Assert.StartsWith("getOrder: expected JSON, found malformed JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapApiOrder_PromotionTaxAndShippingDiscount_AreNetted()
    {
        var items = """
            {"payload": {"OrderItems": [{"SellerSKU": "S", "OrderItemId": "1", "QuantityOrdered": 1,
              "ItemPrice": {"CurrencyCode": "USD", "Amount": "20.00"}, "ItemTax": {"CurrencyCode": "USD", "Amount": "1.20"},
              "PromotionDiscount": {"CurrencyCode": "USD", "Amount": "2.00"}, "PromotionDiscountTax": {"CurrencyCode": "USD", "Amount": "0.12"},
              "ShippingPrice": {"CurrencyCode": "USD", "Amount": "5.00"}, "ShippingTax": {"CurrencyCode": "USD", "Amount": "0.30"},
              "ShippingDiscount": {"CurrencyCode": "USD", "Amount": "5.00"}, "ShippingDiscountTax": {"CurrencyCode": "USD", "Amount": "0.30"}}]}}
            """;
        var order = _channel.MapApiOrder(Document(UnshippedOrder, items), Accounts.Amazon);
        var line = Assert.Single(order.Lines);
        Assert.Equal(2.00m, line.Discount);
        Assert.Equal(1.08m, line.Tax);
        Assert.Equal(5.00m, order.Shipping!.Price);
        Assert.Equal(5.00m, order.Shipping.Discount);
        Assert.Equal(0m, order.Shipping.Tax);
    }

    [Theory]
    [InlineData("Pending", OrderStatus.Pending)]
    [InlineData("PendingAvailability", OrderStatus.Pending)]
    [InlineData("Unshipped", OrderStatus.AwaitingFulfilment)]
    [InlineData("Shipped", OrderStatus.Fulfilled)]
    [InlineData("InvoiceUnconfirmed", OrderStatus.Fulfilled)]
    [InlineData("Canceled", OrderStatus.Cancelled)]
    [InlineData("Unfulfillable", OrderStatus.Cancelled)]
    public void MapApiOrder_EachAmazonStatus_MapsToTheCanonicalOne(string amazonStatus, OrderStatus expected)
    {
        var order = UnshippedOrder.Replace("\"Unshipped\"", $"\"{amazonStatus}\"", StringComparison.Ordinal);
        Assert.Equal(expected, _channel.MapApiOrder(Document(order, SampleItems()), Accounts.Amazon).Status);
    }

    [Fact]
    public void MapApiOrder_PartiallyShippedItems_ArePartiallyFulfilledWithTheShippedUnits()
    {
        var order = UnshippedOrder.Replace("\"Unshipped\"", "\"PartiallyShipped\"", StringComparison.Ordinal);
        var items = SampleItems();
        var first = items.IndexOf("\"QuantityShipped\": 0", StringComparison.Ordinal);
        items = string.Concat(items.AsSpan(0, first), "\"QuantityShipped\": 2", items.AsSpan(first + "\"QuantityShipped\": 0".Length));
        var mapped = _channel.MapApiOrder(Document(order, items), Accounts.Amazon);

        Assert.Equal(OrderStatus.PartiallyFulfilled, mapped.Status);
        Assert.Equal(2, mapped.Lines[0].QuantityShipped);
        Assert.Equal(1, mapped.Lines[1].QuantityOpen);
    }

    /// <summary>Acceptance run gap: an order cancelled while Pending was stored with 0.00 prices marked complete.</summary>
    [Fact]
    public void MapApiOrder_CanceledWhilePending_IsCompleteWithEveryWithheldAmountUnknown()
    {
        var order = PendingOrder.Replace("\"Pending\"", "\"Canceled\"", StringComparison.Ordinal);
        var mapped = _channel.MapApiOrder(Document(order, PendingItems), Accounts.Amazon);

        Assert.Equal(OrderStatus.Cancelled, mapped.Status);
        Assert.True(mapped.IsComplete);
        Assert.Null(mapped.Total);
        Assert.All(mapped.Lines, l =>
        {
            Assert.Null(l.UnitPrice);
            Assert.Null(l.Discount);
            Assert.Null(l.Tax);
            Assert.Null(l.NetAmount);
            Assert.Equal(l.Quantity, l.QuantityCancelled);
        });
        Assert.Null(mapped.LinesNet);
        Assert.Null(mapped.TaxTotal);
        Assert.Null(mapped.Shipping!.Price);
        Assert.Null(mapped.Shipping.Tax);
    }

    [Fact]
    public void MapApiOrder_CanceledAfterItWasPriced_KeepsItsPrices()
    {
        var order = UnshippedOrder.Replace("\"Unshipped\"", "\"Canceled\"", StringComparison.Ordinal);
        var mapped = _channel.MapApiOrder(Document(order, SampleItems()), Accounts.Amazon);

        Assert.Equal(OrderStatus.Cancelled, mapped.Status);
        Assert.Equal(70.24m, mapped.Total);
        Assert.Equal(23.99m, mapped.Lines[0].UnitPrice);
        Assert.Equal(0m, mapped.Lines[0].Discount);
    }

    [Theory]
    [InlineData("ATVPDKIKX0DER", false)]
    [InlineData("A1PA6795UKMFR9", true)]
    [InlineData("A1F83G8C2ARO7P", true)]
    [InlineData("AUNKNOWNMARKET", null)]
    public void MapApiOrder_Marketplace_SaysWhetherPricesIncludeTax(string marketplaceId, bool? expected)
    {
        var order = UnshippedOrder.Replace("ATVPDKIKX0DER", marketplaceId, StringComparison.Ordinal);
        Assert.Equal(expected, _channel.MapApiOrder(Document(order, SampleItems()), Accounts.Amazon).PricesIncludeTax);
    }
}
