using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessOps.Domain.Privacy;

/// <summary>
/// Whether a raw Shopify delivery concerns the buyer a privacy request names: it is one of the orders named (an order
/// payload's <c>id</c>, a refund's or fulfilment's <c>order_id</c>), its customer is the buyer, or it carries the
/// buyer's email or phone. Used for deliveries no stored order points to (quarantined ones).
/// </summary>
public static class BuyerMatch
{
    public static bool Concerns(JsonNode? root, PrivacyRequestNotice request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (root is not JsonObject body)
        {
            return false;
        }

        var orders = request.ExternalOrderIds.ToHashSet(StringComparer.Ordinal);
        if (IdOf(body["id"]) is { } id && orders.Contains(id) && body.ContainsKey("line_items"))
        {
            return true;
        }

        if (IdOf(body["order_id"]) is { } orderId && orders.Contains(orderId))
        {
            return true;
        }

        if (request.CustomerId is { } customerId && body["customer"] is JsonObject customer && IdOf(customer["id"]) == customerId)
        {
            return true;
        }

        var known = request.KnownPersonalValues;
        return known.Count > 0 && known.Any(v => Mentions(body, v));
    }

    private static string? IdOf(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String => value.GetValue<string>(),
            _ => null,
        }
        : null;

    private static bool Mentions(JsonNode node, string value) => node switch
    {
        JsonObject obj => obj.Any(p => p.Value is not null && Mentions(p.Value, value)),
        JsonArray array => array.Any(i => i is not null && Mentions(i, value)),
        JsonValue v => v.GetValueKind() == JsonValueKind.String && string.Equals(v.GetValue<string>(), value, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
