namespace ServerlessOps.Functions.Webhooks;

/// <summary>The 200 body of an accepted delivery: its key (for support) and whether it was new.</summary>
/// <param name="DeliveryKey">Stable key of the delivery; the read APIs find it by this key.</param>
/// <param name="Status"><c>accepted</c> for a first arrival, <c>duplicate</c> for a repeat.</param>
public sealed record WebhookAcknowledgement(string DeliveryKey, string Status);
