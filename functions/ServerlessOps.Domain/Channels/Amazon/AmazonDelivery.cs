using System.Text.Json;
using ServerlessOps.Domain.Channels.Json;

namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>
/// One SP-API notification as it reaches our API destination, unwrapped from whichever carrier brought it
/// (CHANNELS.md 2.4): an EventBridge event (<c>detail</c> = the notification), our Pipe template
/// <c>{pipeName, sqsMessageId, notification}</c>, the bare notification (the SQS message body), or a one-element
/// JSON array of any of these (a Pipe may or may not unwrap its batch of one). Keys are matched case-insensitively.
/// </summary>
/// <param name="Notification">The SP-API notification document.</param>
/// <param name="TransportId">The carrier's id for this hop: EventBridge <c>id</c> or the SQS message id; null for a bare notification.</param>
public sealed record AmazonDelivery(JsonCursor Notification, string? TransportId)
{
    /// <summary><c>NotificationType</c> (falls back to EventBridge <c>detail-type</c>), upper case.</summary>
    public required string Type { get; init; }

    public static AmazonDelivery Read(ReadOnlyMemory<byte> body) => Read(JsonCursor.Parse(body));

    public static AmazonDelivery Read(JsonCursor root)
    {
        var unit = root;
        if (root.Kind == JsonValueKind.Array)
        {
            var items = root.Items();
            if (items.Count != 1)
            {
                throw root.Fail("expected a one-element array (the Pipe sends batches of one)");
            }

            unit = items[0];
        }

        unit.ExpectObject();
        if (unit.Optional("detail") is { } detail)
        {
            var detailType = unit.Optional("detail-type")?.GetString();
            var notification = Embedded(detail);
            return new AmazonDelivery(notification, unit.Optional("id")?.GetString())
            {
                Type = TypeOf(notification, detailType),
            };
        }

        if (unit.Optional("notification") is { } wrapped)
        {
            var notification = Embedded(wrapped);
            return new AmazonDelivery(notification, unit.Optional("sqsMessageId")?.GetString())
            {
                Type = TypeOf(notification, null),
            };
        }

        if (unit.HasProperty("NotificationType"))
        {
            return new AmazonDelivery(unit, null) { Type = TypeOf(unit, null) };
        }

        throw unit.Fail("expected an EventBridge event (detail), a Pipe wrapper (notification) or an SP-API notification (NotificationType)");
    }

    /// <summary><c>NotificationMetadata.NotificationId</c>: the de-dup key.</summary>
    public string NotificationId => Notification.Property("NotificationMetadata").Property("NotificationId").GetNonEmptyString();

    /// <summary><c>EventTime</c>: when the notification was published (CHANNELS.md 5a), an ordering hint only.</summary>
    public DateTimeOffset? EventTime => Notification.Optional("EventTime")?.GetIsoTime();

    public JsonCursor Payload => Notification.Property("Payload").ExpectObject();

    // A Pipe forwards the SQS body as-is; if a template ever passes it as a JSON string, read the JSON inside it.
    private static JsonCursor Embedded(JsonCursor value) =>
        value.Kind == JsonValueKind.String ? value.ParseEmbedded().ExpectObject() : value.ExpectObject();

    private static string TypeOf(JsonCursor notification, string? detailType)
    {
        var type = notification.Optional("NotificationType")?.GetNonEmptyString() ?? detailType;
        if (string.IsNullOrWhiteSpace(type))
        {
            throw notification.Property("NotificationType").Fail("expected the notification type");
        }

        return type.Trim().ToUpperInvariant();
    }
}
