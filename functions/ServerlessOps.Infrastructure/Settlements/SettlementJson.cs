using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>
/// Reading a settlement answer field by field: every required field missing or of the wrong shape is a
/// <see cref="SettlementAnswerException"/> naming its path, so the import stops before it writes anything.
/// </summary>
internal sealed class SettlementJson(SalesChannel channel, string operation)
{
    public JsonNode Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) ?? throw Wrong("(body)", "is empty JSON");
        }
        catch (JsonException)
        {
            throw Wrong("(body)", "is not JSON");
        }
    }

    public JsonArray Array(JsonNode? node, string field) =>
        node switch
        {
            null => [],
            JsonArray array => array,
            _ => throw Wrong(field, "is not an array"),
        };

    public JsonArray RequiredArray(JsonNode? node, string field) =>
        node as JsonArray ?? throw Wrong(field, node is null ? "is missing" : "is not an array");

    public string Text(JsonNode? node, string field) =>
        OptionalText(node, field) ?? throw Wrong(field, "is missing");

    public string? OptionalText(JsonNode? node, string field) =>
        node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0 ? s : null,
            JsonValue v when v.TryGetValue<long>(out var n) => n.ToString(CultureInfo.InvariantCulture),
            _ => throw Wrong(field, "is not a string"),
        };

    /// <summary>A money amount written as a JSON number or a numeric string (Shopify, TikTok and Walmart send strings).</summary>
    public decimal Money(JsonNode? node, string field) =>
        node switch
        {
            JsonValue v when v.TryGetValue<decimal>(out var d) => d,
            JsonValue v when v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            null => throw Wrong(field, "is missing"),
            _ => throw Wrong(field, $"is not an amount ('{Shorten(node.ToJsonString())}')"),
        };

    public decimal? OptionalMoney(JsonNode? node, string field) => node is null ? null : Money(node, field);

    public string Currency(JsonNode? node, string field)
    {
        var code = Text(node, field);
        return code.Length == 3 && code.All(char.IsAsciiLetter) ? code.ToUpperInvariant() : throw Wrong(field, $"is not an ISO 4217 currency code ('{Shorten(code)}')");
    }

    public DateTimeOffset Time(JsonNode? node, string field) =>
        DateTimeOffset.TryParse(Text(node, field), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw Wrong(field, "is not a date-time");

    public DateTimeOffset UnixSeconds(JsonNode? node, string field) =>
        node is JsonValue v && (v.TryGetValue<long>(out var n) || (v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out n)))
            ? DateTimeOffset.FromUnixTimeSeconds(n)
            : throw Wrong(field, node is null ? "is missing" : "is not Unix seconds");

    public SettlementAnswerException Wrong(string field, string problem) => new(channel, operation, field, problem);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
