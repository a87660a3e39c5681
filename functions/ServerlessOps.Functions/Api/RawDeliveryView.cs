namespace ServerlessOps.Functions.Api;

/// <summary>A raw delivery for inspection; <see cref="Body"/> is the received bytes as UTF-8 text.</summary>
public sealed record RawDeliveryView(
    string DeliveryKey,
    string Channel,
    string DeliveryId,
    string Topic,
    DateTimeOffset ReceivedAt,
    string State,
    string? Reason,
    IReadOnlyDictionary<string, string> Headers,
    string Body);
