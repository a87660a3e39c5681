using ServerlessOps.Domain.Channels.Json;

namespace ServerlessOps.Domain.Channels.Walmart;

/// <summary>The Walmart notification envelope <c>{source: {eventType, eventTime, eventId}, payload: {...}}</c> (CHANNELS.md 3.1).</summary>
public sealed record WalmartEvent(JsonCursor Source, JsonCursor Payload)
{
    public static WalmartEvent Read(ReadOnlyMemory<byte> body)
    {
        var root = JsonCursor.Parse(body).ExpectObject();
        return new WalmartEvent(root.Property("source").ExpectObject(), root.Property("payload").ExpectObject());
    }

    /// <summary><c>source.eventId</c>: "use as an idempotency key" (CHANNELS.md 3.3).</summary>
    public string EventId => Source.Property("eventId").GetId();

    public string EventType => Source.Property("eventType").GetNonEmptyString().Trim().ToUpperInvariant();

    /// <summary><c>source.eventTime</c>, ISO 8601 in Walmart's examples; epoch milliseconds accepted as elsewhere in Walmart's APIs.</summary>
    public DateTimeOffset? EventTime => Source.Optional("eventTime")?.GetEpochMillisecondsOrIsoTime();

    public DateTimeOffset RequiredEventTime => Source.Property("eventTime").GetEpochMillisecondsOrIsoTime();
}
