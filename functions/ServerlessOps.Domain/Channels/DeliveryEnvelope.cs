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
    DateTimeOffset? OccurredAt);
