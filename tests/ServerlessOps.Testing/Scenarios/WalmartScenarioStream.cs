using System.Globalization;
using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>
/// Walmart: PO_CREATED, and for some orders PO_LINE_AUTOCANCELLED for every line; every third order (the second, the
/// fifth...) has two lines and loses only its last one to an auto-cancel, a partial cancellation. The GET /v3/orders
/// documents follow with line statuses Created then Cancelled and a later statusDate. Plus INVENTORY_OOS and BUY_BOX_CHANGED.
/// No BUY_BOX_CHANGED sample exists: its body is built from the field names CHANNELS.md 3.4 gives
/// (<c>itemInfo</c>, <c>currentOffer.sellerOfferPrice</c>) in the envelope every Walmart event shares, with the
/// Buy Box winner beside our offer under <c>offer</c> as the domain's Walmart adapter reads it.
/// </summary>
internal static class WalmartScenarioStream
{
    private const string ShipNode = "79912345678";

    public static void Generate(ScenarioContext context)
    {
        var createdTemplate = ChannelSamples.Load("walmart-po-created.json");
        var cancelledTemplate = ChannelSamples.Load("walmart-po-line-autocancelled.json");
        var orderTemplate = ChannelSamples.Load("walmart-get-order.json");
        for (var i = 0; i < context.Options.OrdersPerChannel; i++)
        {
            GenerateOrder(context, createdTemplate, cancelledTemplate, orderTemplate, i);
        }

        var oosTemplate = ChannelSamples.Load("walmart-inventory-oos.json");
        for (var i = 0; i < context.Options.InventoryEventsPerChannel; i++)
        {
            var product = context.Random.Pick(ScenarioProduct.Catalog);
            var at = context.Options.Start.AddMinutes(35 + (i * 43) + context.Random.Between(0, 20));
            var eventId = context.Random.Guid();
            var body = oosTemplate.DeepClone();
            body["source"]!["eventTime"] = Iso(at);
            body["source"]!["eventId"] = eventId;
            var payload = body["payload"]!;
            payload["partnerId"] = context.Accounts.WalmartPartnerId;
            payload["itemId"] = product.WalmartItemId;
            payload["sku"] = product.Sku;
            payload["productName"] = product.FullTitle;
            payload["shipNodes"]![0]!["shipNode"] = ShipNode;
            payload["shipNodes"]![0]!["availToSellQty"] = 0;
            context.OtherEvent(SalesChannel.Walmart, at, "INVENTORY_OOS", body, eventId);
            context.InventoryLevel(new ExpectedInventoryLevel(SalesChannel.Walmart, product.Sku, product.WalmartItemId, ShipNode, 0, Millis(at)));
        }

        for (var i = 0; i < context.Options.PriceEventsPerChannel; i++)
        {
            var product = context.Random.Pick(ScenarioProduct.Catalog);
            var at = context.Options.Start.AddMinutes(50 + (i * 47) + context.Random.Between(0, 20));
            var eventId = context.Random.Guid();
            var price = product.Price - 0.50m + (context.Random.Between(-100, 100) / 100m);
            var ours = context.Random.Chance(0.5);
            var buyBox = ours ? price : price - (context.Random.Between(1, 150) / 100m);
            var body = new JsonObject
            {
                ["source"] = new JsonObject { ["eventType"] = "BUY_BOX_CHANGED", ["eventTime"] = Iso(at), ["eventId"] = eventId },
                ["payload"] = new JsonObject
                {
                    ["partnerId"] = context.Accounts.WalmartPartnerId,
                    ["itemInfo"] = new JsonObject { ["itemId"] = product.WalmartItemId, ["sku"] = product.Sku, ["productName"] = product.FullTitle },
                    ["offer"] = new JsonObject
                    {
                        ["winningOffer"] = new JsonObject
                        {
                            ["sellerId"] = ours ? context.Accounts.WalmartPartnerId : context.Random.Digits("1000", 11),
                            ["sellerOfferPrice"] = buyBox,
                            ["sellerShippingPrice"] = 0.0m,
                        },
                        ["currentOffer"] = new JsonObject
                        {
                            ["sellerId"] = context.Accounts.WalmartPartnerId,
                            ["sellerOfferPrice"] = price,
                            ["sellerShippingPrice"] = 0.0m,
                        },
                    },
                },
            };
            context.OtherEvent(SalesChannel.Walmart, at, "BUY_BOX_CHANGED", body, eventId);
            context.PriceEvents++;
        }
    }

    private static void GenerateOrder(ScenarioContext context, JsonNode createdTemplate, JsonNode cancelledTemplate, JsonNode orderTemplate, int index)
    {
        var random = context.Random;
        var purchaseOrderId = random.Digits("1088", 15);
        var customerOrderId = random.Digits("2000", 15);
        var partial = index % 3 == 1;
        var lines = context.RandomLines(minimumLines: partial ? 2 : 1);
        var ordered = Seconds(context.OrderTime(SalesChannel.Walmart, index));
        var createdAt = ordered.AddSeconds(32);
        var track = context.NewOrder(SalesChannel.Walmart, purchaseOrderId);

        var created = Envelope(createdTemplate, "PO_CREATED", context, purchaseOrderId, customerOrderId, ordered, lines, "CREATED", createdAt);
        var createdDocument = Document(orderTemplate, purchaseOrderId, customerOrderId, ordered, lines, "Created", createdAt);
        context.OrderEvent(track, createdAt.AddSeconds(3), "PO_CREATED", created, created["source"]!["eventId"]!.GetValue<string>(), createdDocument);
        var final = ("Created", createdAt, OrderStatus.AwaitingFulfilment);

        if (partial)
        {
            // Walmart auto-cancels one line it could not ship in time; the other stays open.
            var cancelledAt = ordered.AddDays(2).AddHours(random.Between(1, 12));
            var last = lines.Count - 1;
            var cancelled = Envelope(cancelledTemplate, "PO_LINE_AUTOCANCELLED", context, purchaseOrderId, customerOrderId, ordered, [lines[last]], "CANCELLED", cancelledAt, firstLineNumber: last + 1);
            var cancelledDocument = Document(orderTemplate, purchaseOrderId, customerOrderId, ordered, lines, j => j == last ? "Cancelled" : "Created", j => j == last ? cancelledAt : createdAt);
            context.OrderEvent(track, cancelledAt.AddSeconds(12), "PO_LINE_AUTOCANCELLED", cancelled, cancelled["source"]!["eventId"]!.GetValue<string>(), cancelledDocument);
            track.Expected = new ExpectedOrder(SalesChannel.Walmart, purchaseOrderId, OrderStatus.PartiallyCancelled, "Created,Cancelled", cancelledAt, track.Documents.Count)
            {
                FinalDocument = track.Documents[^1],
                CancelledUnits = lines[last].Quantity,
                RefundedAmount = 0m,
            };
            return;
        }

        if (random.Chance(0.35))
        {
            var cancelledAt = ordered.AddDays(5).AddHours(random.Between(1, 12));
            var cancelled = Envelope(cancelledTemplate, "PO_LINE_AUTOCANCELLED", context, purchaseOrderId, customerOrderId, ordered, lines, "CANCELLED", cancelledAt);
            var cancelledDocument = Document(orderTemplate, purchaseOrderId, customerOrderId, ordered, lines, "Cancelled", cancelledAt);
            context.OrderEvent(track, cancelledAt.AddSeconds(12), "PO_LINE_AUTOCANCELLED", cancelled, cancelled["source"]!["eventId"]!.GetValue<string>(), cancelledDocument);
            final = ("Cancelled", cancelledAt, OrderStatus.Cancelled);
        }

        track.Expected = new ExpectedOrder(SalesChannel.Walmart, purchaseOrderId, final.Item3, final.Item1, final.Item2, track.Documents.Count)
        {
            FinalDocument = track.Documents[^1],
        };
    }

    private static JsonNode Envelope(
        JsonNode template, string eventType, ScenarioContext context, string purchaseOrderId, string customerOrderId,
        DateTimeOffset ordered, IReadOnlyList<ScenarioLine> lines, string status, DateTimeOffset statusAt, int firstLineNumber = 1)
    {
        var body = template.DeepClone();
        body["source"]!["eventType"] = eventType;
        body["source"]!["eventTime"] = Iso(statusAt.AddSeconds(3));
        body["source"]!["eventId"] = context.Random.Guid();
        var payload = body["payload"]!;
        payload["partnerId"] = context.Accounts.WalmartPartnerId;
        payload["purchaseOrderId"] = purchaseOrderId;
        payload["customerOrderId"] = customerOrderId;
        payload["orderDate"] = Iso(ordered);
        payload["estimatedDeliveryDate"] = Iso(ChannelSamples.UtcDay(ordered.AddDays(5)));
        payload["estimatedShipDate"] = Iso(ChannelSamples.UtcDay(ordered.AddDays(1)));
        var lineTemplate = template["payload"]!["orderLines"]![0]!;
        payload["orderLines"] = new JsonArray(lines.Select((line, j) =>
        {
            var node = lineTemplate.DeepClone();
            node["lineNumber"] = (j + firstLineNumber).ToString(CultureInfo.InvariantCulture);
            node["sku"] = line.Product.Sku;
            node["productName"] = line.Product.FullTitle;
            node["quantity"]!["measurementValue"] = line.Quantity.ToString(CultureInfo.InvariantCulture);
            node["status"] = status;
            node["statusDate"] = Iso(statusAt);
            return node;
        }).ToArray());
        return body;
    }

    private static ChannelOrderDocument Document(
        JsonNode template, string purchaseOrderId, string customerOrderId, DateTimeOffset ordered, IReadOnlyList<ScenarioLine> lines, string status, DateTimeOffset statusAt) =>
        Document(template, purchaseOrderId, customerOrderId, ordered, lines, _ => status, _ => statusAt);

    /// <summary>The GET /v3/orders document with each line in its own status since its own status date.</summary>
    private static ChannelOrderDocument Document(
        JsonNode template, string purchaseOrderId, string customerOrderId, DateTimeOffset ordered, IReadOnlyList<ScenarioLine> lines,
        Func<int, string> statusOf, Func<int, DateTimeOffset> statusAtOf)
    {
        var body = template.DeepClone();
        var order = body["order"]!;
        order["purchaseOrderId"] = purchaseOrderId;
        order["customerOrderId"] = customerOrderId;
        order["customerEmailId"] = $"relay-{purchaseOrderId[^8..]}@relay.walmart.example";
        order["orderDate"] = ordered.ToUnixTimeMilliseconds();
        order["shippingInfo"]!["estimatedDeliveryDate"] = ChannelSamples.UtcDay(ordered.AddDays(5)).ToUnixTimeMilliseconds();
        order["shippingInfo"]!["estimatedShipDate"] = ChannelSamples.UtcDay(ordered.AddDays(1)).ToUnixTimeMilliseconds();
        var lineTemplate = template["order"]!["orderLines"]!["orderLine"]![0]!;
        order["orderLines"]!["orderLine"] = new JsonArray(lines.Select((line, j) =>
        {
            var node = lineTemplate.DeepClone();
            var quantity = line.Quantity.ToString(CultureInfo.InvariantCulture);
            node["lineNumber"] = (j + 1).ToString(CultureInfo.InvariantCulture);
            node["item"]!["productName"] = line.Product.FullTitle;
            node["item"]!["sku"] = line.Product.Sku;
            var product = node["charges"]!["charge"]![0]!;
            product["chargeAmount"]!["amount"] = line.Gross;
            product["tax"]!["taxAmount"]!["amount"] = line.Tax;
            node["orderLineQuantity"]!["amount"] = quantity;
            node["statusDate"] = statusAtOf(j).ToUnixTimeMilliseconds();
            var status = statusOf(j);
            var lineStatus = node["orderLineStatuses"]!["orderLineStatus"]![0]!;
            lineStatus["status"] = status;
            lineStatus["statusQuantity"]!["amount"] = quantity;
            lineStatus["cancellationReason"] = status == "Cancelled" ? "SELLER_CANCEL_FAILED_TO_SHIP" : null;
            return node;
        }).ToArray());

        return new ChannelOrderDocument(SalesChannel.Walmart, purchaseOrderId, new Dictionary<string, string>
        {
            [ChannelOrderDocument.WalmartOrder] = ChannelSamples.Write(body),
        });
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Seconds(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static DateTimeOffset Millis(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
