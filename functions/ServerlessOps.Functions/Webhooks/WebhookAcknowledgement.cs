namespace ServerlessOps.Functions.Webhooks;

/// <summary>The 200 body of an accepted delivery: its key (for support) and that it was stored.</summary>
/// <param name="DeliveryKey">Stable key of the delivery; the read APIs find it by this key.</param>
/// <param name="Status"><c>accepted</c>: stored. Whether it repeats an earlier delivery is decided when it is processed (the channel-event log counts its arrivals).</param>
public sealed record WebhookAcknowledgement(string DeliveryKey, string Status);
