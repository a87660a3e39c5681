namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>
/// One order a channel's list says changed: its id and the channel's version of it (Shopify <c>updatedAt</c>, Amazon
/// <c>LastUpdateDate</c>, Walmart latest line <c>statusDate</c>, TikTok <c>update_time</c>), the same field the webhook
/// path converges on, so "already at that version" is one comparison with the stored order.
/// </summary>
public sealed record ChangedOrder(string ExternalOrderId, DateTimeOffset UpdatedAt);
