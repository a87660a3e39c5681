using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>
/// TikTok Shop: type 1 order status changes (AWAITING_SHIPMENT, then IN_TRANSIT for some) and, for every third order
/// from the second on, type 11 cancellation changes (a buyer request pending, then granted: the order becomes CANCELLED); every change's
/// Get Order Detail document carries a later update_time. Every third order (the third, the sixth...) ships, is
/// DELIVERED, and then one unit comes back and is refunded: a type 12 return-status webhook whose refund shows only in
/// Search Returns (the order detail keeps its DELIVERED status and update_time). One line item per unit, as Get Order
/// Detail lists them.
/// </summary>
internal static class TikTokScenarioStream
{
    private const decimal ShippingFee = 5.99m;

    public static void Generate(ScenarioContext context)
    {
        var detailTemplate = ChannelSamples.Load("tiktok-order-detail.json");
        var statusTemplate = ChannelSamples.Load("tiktok-order-status-change.json");
        var cancelTemplate = ChannelSamples.Load("tiktok-cancellation-status-change.json");
        var returnTemplate = ChannelSamples.Load("tiktok-return-status-change.json");
        for (var i = 0; i < context.Options.OrdersPerChannel; i++)
        {
            GenerateOrder(context, detailTemplate, statusTemplate, cancelTemplate, returnTemplate, i);
        }
    }

    private static void GenerateOrder(
        ScenarioContext context, JsonNode detailTemplate, JsonNode statusTemplate, JsonNode cancelTemplate, JsonNode returnTemplate, int index)
    {
        var random = context.Random;
        var orderId = random.Digits("5769", 18);
        var lines = context.RandomLines();
        var lineIds = lines.SelectMany(l => Enumerable.Range(0, l.Quantity).Select(_ => random.Digits("5770", 18))).ToArray();
        var userId = random.Digits("7494", 16);
        var created = context.OrderTime(SalesChannel.TikTokShop, index).ToUnixTimeSeconds();
        var awaiting = created + 40;
        var track = context.NewOrder(SalesChannel.TikTokShop, orderId);

        JsonNode Detail(string status, long updateTime, Action<JsonNode>? edit = null)
        {
            var body = BuildDetail(detailTemplate, orderId, userId, lines, lineIds, status, created, updateTime, random);
            edit?.Invoke(body["data"]!["orders"]![0]!);
            return body;
        }

        ChannelOrderDocument Document(JsonNode body) => new(SalesChannel.TikTokShop, orderId, new Dictionary<string, string>
        {
            [ChannelOrderDocument.TikTokOrderDetail] = ChannelSamples.Write(body),
        });

        context.OrderEvent(track, At(awaiting), "1", StatusChange(statusTemplate, context, orderId, "AWAITING_SHIPMENT", awaiting, out var id1), id1, Document(Detail("AWAITING_SHIPMENT", awaiting)));
        var final = ("AWAITING_SHIPMENT", awaiting, OrderStatus.AwaitingFulfilment);

        if (index % 3 == 2)
        {
            var shippedAt = awaiting + (random.Between(2, 30) * 3600);
            var deliveredAt = shippedAt + (random.Between(48, 96) * 3600);
            var returnedAt = deliveredAt + (random.Between(24, 72) * 3600);
            var tracking = random.Digits("9400", 22);
            void Tracked(JsonNode order)
            {
                order["tracking_number"] = tracking;
                order["shipping_provider"] = "USPS";
            }

            context.OrderEvent(track, At(shippedAt), "1", StatusChange(statusTemplate, context, orderId, "IN_TRANSIT", shippedAt, out var shippedId), shippedId, Document(Detail("IN_TRANSIT", shippedAt, Tracked)));
            var delivered = Detail("DELIVERED", deliveredAt, Tracked);
            context.OrderEvent(track, At(deliveredAt), "1", StatusChange(statusTemplate, context, orderId, "DELIVERED", deliveredAt, out var deliveredId), deliveredId, Document(delivered));

            // The buyer sends one unit of the first line back and is refunded. The order detail does not move.
            var line = lines[0];
            var discount = Math.Round(line.Product.Price * 0.10m, 2, MidpointRounding.AwayFromZero);
            var sale = line.Product.Price - discount;
            var unitTax = Math.Round(sale * ScenarioLine.TaxRate, 2, MidpointRounding.AwayFromZero);
            var returnId = random.Digits("4035", 19);
            var refund = TikTokReturnDocuments.Return(
                orderId, returnId, "RETURN_AND_REFUND", "RETURN_OR_REFUND_REQUEST_COMPLETE", At(returnedAt - 86400), At(returnedAt),
                [new(lineIds[0], line.Product.TikTokSkuId, line.Product.Sku, sale, unitTax)]);
            var withReturn = new ChannelOrderDocument(SalesChannel.TikTokShop, orderId, new Dictionary<string, string>
            {
                [ChannelOrderDocument.TikTokOrderDetail] = ChannelSamples.Write(delivered),
                [ChannelOrderDocument.TikTokReturns] = TikTokReturnDocuments.Answer([refund], $"{At(returnedAt):yyyyMMddHHmmss}{random.Code(16)}"),
            });
            context.OrderEvent(track, At(returnedAt), "12", ReturnChange(returnTemplate, context, orderId, returnId, returnedAt, out var returnedNotice), returnedNotice, withReturn);

            var units = lines.Sum(l => l.Quantity);
            track.Expected = new ExpectedOrder(
                SalesChannel.TikTokShop, orderId, units == 1 ? OrderStatus.Refunded : OrderStatus.PartiallyRefunded, "DELIVERED", At(deliveredAt), track.Documents.Count)
            {
                FinalDocument = track.Documents[^1],
                CancelledUnits = 0,
                RefundedAmount = sale + unitTax,
            };
            return;
        }

        // Every third order from the second on is cancelled at the buyer's request; the others ship or wait, by chance.
        var cancels = index % 3 == 1;
        var fate = random.Between(0, 99);
        if (!cancels && fate < 60)
        {
            var shipped = awaiting + (random.Between(2, 30) * 3600);
            var tracking = random.Digits("9400", 22);
            var detail = Detail("IN_TRANSIT", shipped, order =>
            {
                order["tracking_number"] = tracking;
                order["shipping_provider"] = "USPS";
            });
            context.OrderEvent(track, At(shipped), "1", StatusChange(statusTemplate, context, orderId, "IN_TRANSIT", shipped, out var id2), id2, Document(detail));
            final = ("IN_TRANSIT", shipped, OrderStatus.Fulfilled);
        }
        else if (cancels)
        {
            var requested = awaiting + (random.Between(5, 120) * 60);
            var granted = requested + (random.Between(10, 90) * 60);
            var cancelId = random.Digits("4035", 19);
            var pending = Detail("AWAITING_SHIPMENT", requested, order => order["is_buyer_request_cancel"] = true);
            context.OrderEvent(track, At(requested), "11", CancellationChange(cancelTemplate, context, orderId, cancelId, "CANCELLATION_REQUEST_PENDING", requested, out var id2), id2, Document(pending));
            var cancelled = Detail("CANCELLED", granted, order =>
            {
                order["cancel_reason"] = random.Pick(new[] { "No longer needed", "Better price available", "Wrong size selected" });
                order["cancellation_initiator"] = "BUYER";
                order["is_buyer_request_cancel"] = true;
            });
            context.OrderEvent(track, At(granted), "11", CancellationChange(cancelTemplate, context, orderId, cancelId, "CANCELLATION_REQUEST_SUCCESS", granted, out var id3), id3, Document(cancelled));
            final = ("CANCELLED", granted, OrderStatus.Cancelled);
        }

        track.Expected = new ExpectedOrder(SalesChannel.TikTokShop, orderId, final.Item3, final.Item1, At(final.Item2), track.Documents.Count)
        {
            FinalDocument = track.Documents[^1],
        };
    }

    private static JsonNode BuildDetail(
        JsonNode template, string orderId, string userId, IReadOnlyList<ScenarioLine> lines, string[] lineIds, string status,
        long created, long updateTime, ScenarioRandom random)
    {
        var body = template.DeepClone();
        body["request_id"] = $"{At(updateTime):yyyyMMddHHmmss}{random.Code(16)}";
        var order = body["data"]!["orders"]![0]!;
        order["id"] = orderId;
        order["status"] = status;
        order["user_id"] = userId;
        order["create_time"] = created;
        order["paid_time"] = created + 14;
        order["update_time"] = updateTime;
        order["buyer_email"] = $"v{userId[^8..]}@scs.tiktokw.example";

        var lineTemplate = template["data"]!["orders"]![0]!["line_items"]![0]!;
        var items = new JsonArray();
        decimal original = 0, sellerDiscount = 0, tax = 0;
        var next = 0;
        foreach (var line in lines)
        {
            var discount = Math.Round(line.Product.Price * 0.10m, 2, MidpointRounding.AwayFromZero);
            var sale = line.Product.Price - discount;
            var unitTax = Math.Round(sale * ScenarioLine.TaxRate, 2, MidpointRounding.AwayFromZero);
            for (var unit = 0; unit < line.Quantity; unit++)
            {
                var item = lineTemplate.DeepClone();
                item["id"] = lineIds[next++];
                item["sku_id"] = line.Product.TikTokSkuId;
                item["seller_sku"] = line.Product.Sku;
                item["product_id"] = line.Product.TikTokProductId;
                item["product_name"] = line.Product.Title;
                item["sku_name"] = line.Product.VariantTitle.Replace(" / ", ", ", StringComparison.Ordinal);
                item["original_price"] = ChannelSamples.Decimal2(line.Product.Price);
                item["sale_price"] = ChannelSamples.Decimal2(sale);
                item["seller_discount"] = ChannelSamples.Decimal2(discount);
                item["platform_discount"] = "0.00";
                item["display_status"] = status;
                item["item_tax"]![0]!["tax_amount"] = ChannelSamples.Decimal2(unitTax);
                items.Add(item);
                original += line.Product.Price;
                sellerDiscount += discount;
                tax += unitTax;
            }
        }

        order["line_items"] = items;
        var subTotal = original - sellerDiscount;
        var payment = order["payment"]!;
        payment["original_total_product_price"] = ChannelSamples.Decimal2(original);
        payment["seller_discount"] = ChannelSamples.Decimal2(sellerDiscount);
        payment["platform_discount"] = "0.00";
        payment["sub_total"] = ChannelSamples.Decimal2(subTotal);
        payment["original_shipping_fee"] = ChannelSamples.Decimal2(ShippingFee);
        payment["shipping_fee_platform_discount"] = ChannelSamples.Decimal2(ShippingFee);
        payment["shipping_fee"] = "0.00";
        payment["product_tax"] = ChannelSamples.Decimal2(tax);
        payment["tax"] = ChannelSamples.Decimal2(tax);
        payment["total_amount"] = ChannelSamples.Decimal2(subTotal + tax);
        return body;
    }

    private static JsonNode StatusChange(JsonNode template, ScenarioContext context, string orderId, string status, long updateTime, out string notificationId)
    {
        notificationId = context.Random.Digits("7440", 19);
        var body = template.DeepClone();
        body["tts_notification_id"] = notificationId;
        body["shop_id"] = context.Accounts.TikTokShopId;
        body["timestamp"] = updateTime + 2;
        body["data"]!["order_id"] = orderId;
        body["data"]!["order_status"] = status;
        body["data"]!["update_time"] = updateTime;
        return body;
    }

    private static JsonNode CancellationChange(
        JsonNode template, ScenarioContext context, string orderId, string cancelId, string cancelStatus, long at, out string notificationId)
    {
        notificationId = context.Random.Digits("7440", 19);
        var body = template.DeepClone();
        body["tts_notification_id"] = notificationId;
        body["shop_id"] = context.Accounts.TikTokShopId;
        body["timestamp"] = at + 2;
        body["data"]!["order_id"] = orderId;
        body["data"]!["cancel_status"] = cancelStatus;
        body["data"]!["cancel_id"] = cancelId;
        body["data"]!["create_time"] = at;
        return body;
    }

    private static JsonNode ReturnChange(JsonNode template, ScenarioContext context, string orderId, string returnId, long at, out string notificationId)
    {
        notificationId = context.Random.Digits("7440", 19);
        var body = template.DeepClone();
        body["tts_notification_id"] = notificationId;
        body["shop_id"] = context.Accounts.TikTokShopId;
        body["timestamp"] = at + 2;
        body["data"]!["order_id"] = orderId;
        body["data"]!["return_status"] = "RETURN_OR_REFUND_REQUEST_COMPLETE";
        body["data"]!["return_id"] = returnId;
        body["data"]!["create_time"] = at - 86400;
        body["data"]!["update_time"] = at;
        return body;
    }

    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
}
