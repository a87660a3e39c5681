namespace ServerlessOps.Domain.Channels;

/// <summary>
/// The facts about a delivery every channel gives, read before the acknowledgement.
/// </summary>
/// <param name="DeliveryId">The channel's de-dup key: Shopify X-Shopify-Webhook-Id, Amazon NotificationId,
/// Walmart source.eventId, TikTok tts_notification_id.</param>
/// <param name="Topic">What the delivery is about, in the channel's words (orders/create, ORDER_CHANGE, PO_CREATED, 1).</param>
/// <param name="EventId">Business-level event id where it differs from the delivery id (Shopify X-Shopify-Event-Id).</param>
/// <param name="OccurredAt">When the channel says the event happened (ordering hint only; orders converge on their own version).</param>
public sealed record DeliveryEnvelope(
    string DeliveryId,
    string Topic,
    string? EventId,
    DateTimeOffset? OccurredAt)
{
    /// <summary>
    /// The longest delivery id, topic or event id accepted. The channels' own are under 64 characters (UUIDs, 19-digit
    /// numbers, topic names); these values travel in the raw delivery's blob metadata, which storage caps at 8 KiB, so
    /// an absurd one must be refused as bad input before the write rather than fail it.
    /// </summary>
    public const int MaxFieldLength = 256;

    /// <summary>What is too long, in words for a problem response; null when every field fits.</summary>
    public string? DescribeOversizedField() =>
        Describe("delivery id", DeliveryId) ?? Describe("topic", Topic) ?? Describe("event id", EventId);

    private static string? Describe(string field, string? value) =>
        value is { Length: > MaxFieldLength }
            ? $"The {field} is {value.Length:N0} characters long; at most {MaxFieldLength} are accepted."
            : null;
}
