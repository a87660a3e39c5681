using System.Text.Json.Nodes;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>
/// TikTok Shop Search Returns documents (<c>POST /return_refund/202309/returns/search</c>), which no sample covers: built
/// from the 202309 Return and Refund API's field names as public SDKs model them, money as decimal strings, one
/// <c>return_line_items</c> entry per unit as in Get Order Detail.
/// </summary>
public static class TikTokReturnDocuments
{
    /// <summary>One returned unit: the order's line item, its SKU, and what was refunded for it.</summary>
    public sealed record ReturnedUnit(string OrderLineItemId, string SkuId, string SellerSku, decimal Subtotal, decimal Tax);

    /// <summary>A <c>return_orders[]</c> entry.</summary>
    public static JsonObject Return(
        string orderId,
        string returnId,
        string returnType,
        string returnStatus,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        IReadOnlyList<ReturnedUnit> units,
        decimal shippingFee = 0m,
        string reason = "Item arrived damaged")
    {
        ArgumentNullException.ThrowIfNull(units);
        var subtotal = units.Sum(u => u.Subtotal);
        var tax = units.Sum(u => u.Tax);
        return new JsonObject
        {
            ["return_id"] = returnId,
            ["order_id"] = orderId,
            ["return_type"] = returnType,
            ["return_status"] = returnStatus,
            ["return_reason"] = "ecom_order_delivered_refund_and_return_reason_damaged",
            ["return_reason_text"] = reason,
            ["role"] = "BUYER",
            ["create_time"] = createdAt.ToUnixTimeSeconds(),
            ["update_time"] = updatedAt.ToUnixTimeSeconds(),
            ["refund_amount"] = Money(subtotal, tax, shippingFee),
            ["return_line_items"] = new JsonArray([.. units.Select((u, i) => (JsonNode)new JsonObject
            {
                ["return_line_item_id"] = $"{returnId[..Math.Min(returnId.Length, 12)]}{i:D4}",
                ["order_line_item_id"] = u.OrderLineItemId,
                ["sku_id"] = u.SkuId,
                ["seller_sku"] = u.SellerSku,
                ["refund_amount"] = Money(u.Subtotal, u.Tax, 0m),
            })]),
        };
    }

    /// <summary>A whole Search Returns answer holding <paramref name="returns"/> on one page.</summary>
    public static string Answer(IEnumerable<JsonObject> returns, string requestId = "20261125112005A1B2C3D4E5F60718")
    {
        var list = new JsonArray([.. returns.Select(r => (JsonNode)r.DeepClone())]);
        return ChannelSamples.Write(new JsonObject
        {
            ["code"] = 0,
            ["message"] = "Success",
            ["request_id"] = requestId,
            ["data"] = new JsonObject { ["return_orders"] = list, ["total_count"] = list.Count },
        });
    }

    private static JsonObject Money(decimal subtotal, decimal tax, decimal shipping) => new()
    {
        ["currency"] = "USD",
        ["refund_subtotal"] = ChannelSamples.Decimal2(subtotal),
        ["refund_shipping_fee"] = ChannelSamples.Decimal2(shipping),
        ["refund_tax"] = ChannelSamples.Decimal2(tax),
        ["refund_total"] = ChannelSamples.Decimal2(subtotal + tax + shipping),
    };
}
