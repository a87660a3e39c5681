using System.Globalization;
using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>
/// Shopify: orders/create, then for most orders an orders/updated (fulfilled, or a tag edit) or an
/// orders/cancelled snapshot with a later updated_at; plus inventory_levels/update. Bodies are the samples edited.
/// </summary>
internal static class ShopifyScenarioStream
{
    private const decimal Shipping = 5.99m;
    private const long LocationId = 71234567890;

    public static void Generate(ScenarioContext context)
    {
        var template = ChannelSamples.Load("shopify-orders-create.json");
        var fulfillmentTemplate = ChannelSamples.Load("shopify-orders-updated.json")["fulfillments"]![0]!;
        for (var i = 0; i < context.Options.OrdersPerChannel; i++)
        {
            GenerateOrder(context, template, fulfillmentTemplate, i);
        }

        var levelTemplate = ChannelSamples.Load("shopify-inventory-levels-update.json");
        for (var i = 0; i < context.Options.InventoryEventsPerChannel; i++)
        {
            var product = context.Random.Pick(ScenarioProduct.Catalog);
            var at = context.Options.Start.AddMinutes(30 + (i * 37) + context.Random.Between(0, 20));
            var available = context.Random.Between(0, 60);
            var body = levelTemplate.DeepClone();
            body["inventory_item_id"] = product.ShopifyInventoryItemId;
            body["location_id"] = LocationId;
            body["available"] = available;
            body["updated_at"] = ChannelSamples.ShopifyTime(at);
            context.OtherEvent(SalesChannel.Shopify, at, "inventory_levels/update", body, context.Random.Guid());
            context.InventoryLevel(new ExpectedInventoryLevel(
                SalesChannel.Shopify, null, product.ShopifyInventoryItemId.ToString(CultureInfo.InvariantCulture),
                LocationId.ToString(CultureInfo.InvariantCulture), available, TruncateToSeconds(at)));
        }
    }

    private static void GenerateOrder(ScenarioContext context, JsonNode template, JsonNode fulfillmentTemplate, int index)
    {
        var random = context.Random;
        var orderId = 6120001200000L + (index * 17L) + random.Between(0, 9);
        var number = 2001 + index;
        var lines = context.RandomLines();
        var createdAt = TruncateToSeconds(context.OrderTime(SalesChannel.Shopify, index));
        var track = context.NewOrder(SalesChannel.Shopify, orderId.ToString(CultureInfo.InvariantCulture));

        var order = template.DeepClone();
        order["id"] = orderId;
        order["admin_graphql_api_id"] = $"gid://shopify/Order/{orderId}";
        order["name"] = $"#{number}";
        order["number"] = number - 1000;
        order["order_number"] = number;
        order["confirmation_number"] = random.Code(9);
        order["email"] = $"buyer{number}@example.com";
        order["customer"]!["email"] = $"buyer{number}@example.com";
        order["created_at"] = ChannelSamples.ShopifyTime(createdAt);
        order["processed_at"] = ChannelSamples.ShopifyTime(createdAt.AddSeconds(-1));
        order["updated_at"] = ChannelSamples.ShopifyTime(createdAt.AddSeconds(1));
        order["discount_codes"] = new JsonArray();
        order["discount_applications"] = new JsonArray();
        order["fulfillments"] = new JsonArray();
        order["refunds"] = new JsonArray();
        SetLines(order, template["line_items"]![0]!, lines, orderId);
        SetTotals(order, lines);

        var created = createdAt.AddSeconds(1);
        context.OrderEvent(track, created, "orders/create", order, random.Guid(), null);
        var final = (Body: order, At: created, Status: OrderStatus.AwaitingFulfilment, ChannelStatus: "paid");

        var fate = random.Between(0, 99);
        var laterAt = created.AddMinutes(random.Between(20, 240));
        if (fate < 45)
        {
            var fulfilled = order.DeepClone();
            fulfilled["updated_at"] = ChannelSamples.ShopifyTime(laterAt);
            fulfilled["fulfillment_status"] = "fulfilled";
            foreach (var line in fulfilled["line_items"]!.AsArray())
            {
                line!["fulfillable_quantity"] = 0;
                line["fulfillment_status"] = "fulfilled";
            }

            fulfilled["fulfillments"] = new JsonArray(Fulfillment(fulfillmentTemplate, fulfilled, number, laterAt, random));
            context.OrderEvent(track, laterAt, "orders/updated", fulfilled, random.Guid(), null);
            final = (fulfilled, laterAt, OrderStatus.Fulfilled, "paid/fulfilled");
        }
        else if (fate < 70)
        {
            var cancelled = order.DeepClone();
            cancelled["updated_at"] = ChannelSamples.ShopifyTime(laterAt);
            cancelled["cancelled_at"] = ChannelSamples.ShopifyTime(laterAt.AddSeconds(-1));
            cancelled["closed_at"] = ChannelSamples.ShopifyTime(laterAt.AddSeconds(-1));
            cancelled["cancel_reason"] = random.Pick(new[] { "customer", "inventory", "declined" });
            cancelled["financial_status"] = "refunded";
            SetMoney(cancelled, "current_total_price", 0m);
            foreach (var line in cancelled["line_items"]!.AsArray())
            {
                line!["current_quantity"] = 0;
                line["fulfillable_quantity"] = 0;
            }

            context.OrderEvent(track, laterAt, "orders/cancelled", cancelled, random.Guid(), null);
            final = (cancelled, laterAt, OrderStatus.Cancelled, "refunded/cancelled");
        }
        else if (fate < 85)
        {
            var tagged = order.DeepClone();
            tagged["updated_at"] = ChannelSamples.ShopifyTime(laterAt);
            tagged["tags"] = "gift-wrap";
            context.OrderEvent(track, laterAt, "orders/updated", tagged, random.Guid(), null);
            final = (tagged, laterAt, OrderStatus.AwaitingFulfilment, "paid");
        }

        track.Expected = new ExpectedOrder(SalesChannel.Shopify, track.ExternalOrderId, final.Status, final.ChannelStatus, final.At, track.Documents.Count)
        {
            FinalSnapshot = ChannelSamples.Write(final.Body),
        };
    }

    private static void SetLines(JsonNode order, JsonNode lineTemplate, IReadOnlyList<ScenarioLine> lines, long orderId)
    {
        var items = new JsonArray();
        for (var j = 0; j < lines.Count; j++)
        {
            var (product, quantity) = (lines[j].Product, lines[j].Quantity);
            var lineId = (orderId * 10) + j + 1;
            var line = lineTemplate.DeepClone();
            line["id"] = lineId;
            line["admin_graphql_api_id"] = $"gid://shopify/LineItem/{lineId}";
            line["product_id"] = product.ShopifyProductId;
            line["variant_id"] = product.ShopifyVariantId;
            line["sku"] = product.Sku;
            line["title"] = product.Title;
            line["variant_title"] = product.VariantTitle;
            line["name"] = $"{product.Title} - {product.VariantTitle}";
            line["quantity"] = quantity;
            line["current_quantity"] = quantity;
            line["fulfillable_quantity"] = quantity;
            line["fulfillment_status"] = null;
            SetMoney(line, "price", product.Price);
            SetMoney(line, "total_discount", 0m);
            line["discount_allocations"] = new JsonArray();
            var tax = line["tax_lines"]![0]!;
            SetMoney(tax, "price", lines[j].Tax);
            items.Add(line);
        }

        order["line_items"] = items;
    }

    private static void SetTotals(JsonNode order, IReadOnlyList<ScenarioLine> lines)
    {
        var gross = lines.Sum(l => l.Gross);
        var tax = lines.Sum(l => l.Tax);
        var total = gross + tax + Shipping;
        SetMoney(order, "total_line_items_price", gross);
        SetMoney(order, "total_discounts", 0m);
        SetMoney(order, "subtotal_price", gross);
        SetMoney(order, "total_tax", tax);
        SetMoney(order, "total_price", total);
        SetMoney(order, "current_total_price", total);
        SetMoney(order, "total_shipping_price_set", Shipping, setOnly: true);
        SetMoney(order["tax_lines"]![0]!, "price", tax);
        SetMoney(order["shipping_lines"]![0]!, "price", Shipping);
        SetMoney(order["shipping_lines"]![0]!, "discounted_price", Shipping);
    }

    private static JsonNode Fulfillment(JsonNode template, JsonNode order, int number, DateTimeOffset at, ScenarioRandom random)
    {
        var orderId = order["id"]!.GetValue<long>();
        var fulfillmentId = 5600012000000L + number;
        var tracking = $"1Z999AA1{random.Digits(string.Empty, 10)}";
        var fulfillment = template.DeepClone();
        fulfillment["id"] = fulfillmentId;
        fulfillment["admin_graphql_api_id"] = $"gid://shopify/Fulfillment/{fulfillmentId}";
        fulfillment["order_id"] = orderId;
        fulfillment["name"] = $"#{number}.1";
        fulfillment["created_at"] = ChannelSamples.ShopifyTime(at.AddSeconds(-2));
        fulfillment["updated_at"] = ChannelSamples.ShopifyTime(at.AddSeconds(-2));
        fulfillment["tracking_number"] = tracking;
        fulfillment["tracking_numbers"] = new JsonArray(tracking);
        fulfillment["tracking_url"] = $"https://www.ups.com/track?tracknum={tracking}";
        fulfillment["tracking_urls"] = new JsonArray($"https://www.ups.com/track?tracknum={tracking}");
        fulfillment["line_items"] = new JsonArray(order["line_items"]!.AsArray().Select(l => (JsonNode)new JsonObject
        {
            ["id"] = l!["id"]!.GetValue<long>(),
            ["sku"] = l["sku"]!.GetValue<string>(),
            ["quantity"] = l["quantity"]!.GetValue<int>(),
            ["fulfillment_status"] = "fulfilled",
        }).ToArray());
        return fulfillment;
    }

    /// <summary>Sets <c>{field}</c> (unless <paramref name="setOnly"/>) and <c>{field}_set</c> shop and presentment money.</summary>
    private static void SetMoney(JsonNode node, string field, decimal amount, bool setOnly = false)
    {
        var text = ChannelSamples.Decimal2(amount);
        var setName = setOnly ? field : field + "_set";
        if (!setOnly)
        {
            node[field] = text;
        }

        node[setName] = new JsonObject
        {
            ["shop_money"] = new JsonObject { ["amount"] = text, ["currency_code"] = "USD" },
            ["presentment_money"] = new JsonObject { ["amount"] = text, ["currency_code"] = "USD" },
        };
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), at.Offset);
}
