using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>Reading list answers: a body that is not what the channel documents is a payload problem naming the field.</summary>
internal static class ChangedOrderJson
{
    public static JsonNode Parse(SalesChannel channel, string operation, string body)
    {
        try
        {
            return JsonNode.Parse(body) ?? throw new ChannelPayloadException($"{channel} {operation} answered an empty JSON body.");
        }
        catch (JsonException ex)
        {
            throw new ChannelPayloadException($"{channel} {operation} answered a body that is not JSON.", ex);
        }
    }

    public static string Text(JsonNode? node, SalesChannel channel, string field) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : node is JsonValue number && number.TryGetValue<long>(out var n)
                ? n.ToString(CultureInfo.InvariantCulture)
                : throw new ChannelPayloadException($"{channel} list answer: {field} is missing or not a string.");

    public static string? OptionalText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    public static DateTimeOffset Time(JsonNode? node, SalesChannel channel, string field) =>
        DateTimeOffset.TryParse(Text(node, channel, field), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new ChannelPayloadException($"{channel} list answer: {field} is not a date-time.");

    public static long Number(JsonNode? node, SalesChannel channel, string field) =>
        node is JsonValue value && (value.TryGetValue<long>(out var n) || (value.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out n)))
            ? n
            : throw new ChannelPayloadException($"{channel} list answer: {field} is missing or not a number.");

    /// <summary>ISO 8601 UTC to the second, as the channels' query parameters take it.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
