using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>
/// Amazon: ORDER_CHANGE signals through the SQS-to-EventBridge Pipe (amazon-pipe-order-change.json shape):
/// Unshipped, then Shipped for most and Canceled for some; each state's getOrder/getOrderItems documents carry an
/// increasing LastUpdateDate. Plus LISTINGS_ITEM_MFN_QUANTITY_CHANGE (EventBridge rule, whole event) and
/// ANY_OFFER_CHANGED (through the Pipe) events.
/// </summary>
internal static class AmazonScenarioStream
{
    public static void Generate(ScenarioContext context)
    {
        var pipeTemplate = ChannelSamples.Load("amazon-pipe-order-change.json");
        var itemsTemplate = ChannelSamples.Load("amazon-orders-api-order-items.json");
        for (var i = 0; i < context.Options.OrdersPerChannel; i++)
        {
            GenerateOrder(context, pipeTemplate, itemsTemplate, i);
        }

        var quantityTemplate = ChannelSamples.Load("amazon-eventbridge-listings-mfn-quantity.json");
        for (var i = 0; i < context.Options.InventoryEventsPerChannel; i++)
        {
            var product = context.Random.Pick(ScenarioProduct.Catalog);
            var at = context.Options.Start.AddMinutes(25 + (i * 41) + context.Random.Between(0, 20));
            var quantity = context.Random.Between(0, 80);
            var notificationId = context.Random.Guid();
            var body = quantityTemplate.DeepClone();
            body["id"] = context.Random.Guid();
            body["time"] = ChannelSamples.AmazonTime(at.AddSeconds(1));
            var detail = body["detail"]!;
            detail["EventTime"] = ChannelSamples.AmazonMillis(at);
            detail["Payload"]!["SellerId"] = context.Accounts.AmazonSellerId;
            detail["Payload"]!["Sku"] = product.Sku;
            detail["Payload"]!["Quantity"] = quantity;
            detail["NotificationMetadata"]!["PublishTime"] = ChannelSamples.AmazonMillis(at.AddMilliseconds(730));
            detail["NotificationMetadata"]!["NotificationId"] = notificationId;
            context.OtherEvent(SalesChannel.Amazon, at, "LISTINGS_ITEM_MFN_QUANTITY_CHANGE", body, notificationId);
            context.InventoryLevel(new ExpectedInventoryLevel(SalesChannel.Amazon, product.Sku, null, "DEFAULT", quantity, Millis(at)));
        }

        var offerTemplate = ChannelSamples.Load("amazon-notification-any-offer-changed.json");
        for (var i = 0; i < context.Options.PriceEventsPerChannel; i++)
        {
            var product = context.Random.Pick(ScenarioProduct.Catalog);
            var at = context.Options.Start.AddMinutes(45 + (i * 53) + context.Random.Between(0, 20));
            var buyBox = product.Price - 0.51m + (context.Random.Between(-100, 100) / 100m);
            var notificationId = context.Random.Guid();
            var notification = offerTemplate.DeepClone();
            notification["EventTime"] = ChannelSamples.AmazonMillis(at.AddSeconds(4));
            var change = notification["Payload"]!["AnyOfferChangedNotification"]!;
            change["SellerId"] = context.Accounts.AmazonSellerId;
            change["OfferChangeTrigger"]!["ASIN"] = product.Asin;
            change["OfferChangeTrigger"]!["TimeOfOfferChange"] = ChannelSamples.AmazonMillis(at);
            SetOfferPrice(change["Summary"]!["BuyBoxPrices"]![0]!, buyBox, 4.00m);
            SetOfferPrice(change["Summary"]!["LowestPrices"]![0]!, buyBox - 1.00m, 3.50m);
            change["Offers"]![0]!["ListingPrice"] = Number(buyBox);
            notification["NotificationMetadata"]!["PublishTime"] = ChannelSamples.AmazonMillis(at.AddSeconds(5));
            notification["NotificationMetadata"]!["NotificationId"] = notificationId;
            var body = new JsonObject
            {
                ["pipeName"] = "spapi-offers-to-serverlessops",
                ["sqsMessageId"] = context.Random.Guid(),
                ["notification"] = notification,
            };
            context.OtherEvent(SalesChannel.Amazon, at, "ANY_OFFER_CHANGED", body, notificationId);
            context.PriceEvents++;
        }
    }

    private static void GenerateOrder(ScenarioContext context, JsonNode pipeTemplate, JsonNode itemsTemplate, int index)
    {
        var random = context.Random;
        var orderId = $"11{random.Between(1, 4)}-{random.Digits(string.Empty, 7)}-{random.Digits(string.Empty, 7)}";
        var lines = context.RandomLines();
        var itemIds = lines.Select(_ => random.Digits("3058", 14)).ToArray();
        var shipping = random.Chance(0.5) ? 4.99m : 0m;
        var purchased = Seconds(context.OrderTime(SalesChannel.Amazon, index));
        var track = context.NewOrder(SalesChannel.Amazon, orderId);

        var states = new List<(string Status, DateTimeOffset At)> { ("Unshipped", purchased.AddMinutes(4)) };
        var fate = random.Between(0, 99);
        if (fate < 55)
        {
            states.Add(("Shipped", states[0].At.AddMinutes(random.Between(60, 600))));
        }
        else if (fate < 80)
        {
            states.Add(("Canceled", states[0].At.AddMinutes(random.Between(10, 120))));
        }

        foreach (var (status, at) in states)
        {
            var shipped = status == "Shipped";
            var items = Items(itemsTemplate, orderId, lines, itemIds, shipping, shipped);
            var total = lines.Sum(l => l.Gross + l.Tax) + shipping;
            var units = lines.Sum(l => l.Quantity);
            var order = ChannelSamples.AmazonGetOrder(orderId, status, purchased, at, total, shipped ? units : 0, shipped ? 0 : units);
            var document = new ChannelOrderDocument(SalesChannel.Amazon, orderId, new Dictionary<string, string>
            {
                [ChannelOrderDocument.AmazonOrder] = order,
                [ChannelOrderDocument.AmazonOrderItems] = ChannelSamples.Write(items),
            });

            var notificationId = random.Guid();
            var body = Notification(pipeTemplate, context, orderId, status, purchased, at, lines, itemIds, notificationId);
            context.OrderEvent(track, at, "ORDER_CHANGE", body, notificationId, document);
        }

        var (finalStatus, finalAt) = states[^1];
        track.Expected = new ExpectedOrder(SalesChannel.Amazon, orderId, Canonical(finalStatus), finalStatus, finalAt, states.Count)
        {
            FinalDocument = track.Documents[^1],
        };
    }

    private static JsonNode Items(JsonNode template, string orderId, IReadOnlyList<ScenarioLine> lines, string[] itemIds, decimal shipping, bool shipped)
    {
        var body = template.DeepClone();
        body["payload"]!["AmazonOrderId"] = orderId;
        var items = new JsonArray();
        for (var j = 0; j < lines.Count; j++)
        {
            var (product, quantity) = (lines[j].Product, lines[j].Quantity);
            var item = template["payload"]!["OrderItems"]![0]!.DeepClone();
            item["ASIN"] = product.Asin;
            item["SellerSKU"] = product.Sku;
            item["OrderItemId"] = itemIds[j];
            item["Title"] = product.FullTitle;
            item["QuantityOrdered"] = quantity;
            item["QuantityShipped"] = shipped ? quantity : 0;
            item["ItemPrice"] = ChannelSamples.Money(lines[j].Gross);
            item["ItemTax"] = ChannelSamples.Money(lines[j].Tax);

            // Amazon puts the order's shipping charge on its first item.
            item["ShippingPrice"] = ChannelSamples.Money(j == 0 ? shipping : 0m);
            items.Add(item);
        }

        body["payload"]!["OrderItems"] = items;
        return body;
    }

    private static JsonNode Notification(
        JsonNode template, ScenarioContext context, string orderId, string status, DateTimeOffset purchased, DateTimeOffset at,
        IReadOnlyList<ScenarioLine> lines, string[] itemIds, string notificationId)
    {
        var body = template.DeepClone();
        body["sqsMessageId"] = context.Random.Guid();
        var notification = body["notification"]!;
        notification["EventTime"] = ChannelSamples.AmazonMillis(at.AddSeconds(2));
        var change = notification["Payload"]!["OrderChangeNotification"]!;
        change["SellerId"] = context.Accounts.AmazonSellerId;
        change["AmazonOrderId"] = orderId;
        change["OrderChangeTrigger"]!["TimeOfOrderChange"] = ChannelSamples.AmazonMillis(at);
        var summary = change["Summary"]!;
        summary["OrderStatus"] = status;
        summary["PurchaseDate"] = ChannelSamples.AmazonMillis(purchased);
        summary["EarliestShipDate"] = ChannelSamples.AmazonMillis(ChannelSamples.UtcDay(purchased.AddHours(13)));
        summary["LatestShipDate"] = ChannelSamples.AmazonMillis(ChannelSamples.UtcDay(purchased.AddDays(3)).AddSeconds(-1));
        summary["EarliestDeliveryDate"] = ChannelSamples.AmazonMillis(ChannelSamples.UtcDay(purchased.AddDays(4)));
        summary["LatestDeliveryDate"] = ChannelSamples.AmazonMillis(ChannelSamples.UtcDay(purchased.AddDays(8)).AddSeconds(-1));
        var units = lines.Sum(l => l.Quantity);
        summary["NumberOfItemsShipped"] = status == "Shipped" ? units : 0;
        summary["NumberOfItemsUnshipped"] = status == "Unshipped" ? units : 0;
        summary["OrderItems"] = new JsonArray(lines.Select((line, j) => (JsonNode)new JsonObject
        {
            ["OrderItemId"] = itemIds[j],
            ["SellerSKU"] = line.Product.Sku,
            ["OrderItemStatus"] = status,
            ["Quantity"] = line.Quantity,
            ["QuantityShipped"] = status == "Shipped" ? line.Quantity : 0,
            ["IsBuyerRequestedCancel"] = false,
        }).ToArray());
        notification["NotificationMetadata"]!["PublishTime"] = ChannelSamples.AmazonMillis(at.AddSeconds(2).AddMilliseconds(412));
        notification["NotificationMetadata"]!["NotificationId"] = notificationId;
        return body;
    }

    private static OrderStatus Canonical(string status) => status switch
    {
        "Shipped" => OrderStatus.Fulfilled,
        "Canceled" => OrderStatus.Cancelled,
        _ => OrderStatus.AwaitingFulfilment,
    };

    private static void SetOfferPrice(JsonNode offer, decimal listing, decimal shipping)
    {
        offer["ListingPrice"] = Number(listing);
        offer["Shipping"] = Number(shipping);
        offer["LandedPrice"] = Number(listing + shipping);
    }

    /// <summary>Notifications give money as JSON numbers (unlike the Orders API's strings).</summary>
    private static JsonObject Number(decimal amount) => new() { ["Amount"] = Math.Round(amount, 2), ["CurrencyCode"] = "USD" };

    private static DateTimeOffset Seconds(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static DateTimeOffset Millis(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
