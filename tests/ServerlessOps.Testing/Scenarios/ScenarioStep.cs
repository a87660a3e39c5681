using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>
/// One delivery of the stream, in delivery order. For Amazon, Walmart and TikTok order signals,
/// <see cref="Document"/> is what the channel's API answers at that moment (the newest state any event delivered
/// so far belongs to, never older than a previous step's); put it into the stub before sending the webhook.
/// </summary>
/// <param name="Sequence">Position in the stream, from 0.</param>
/// <param name="ExternalOrderId">The order the delivery is about; null for inventory and price events.</param>
/// <param name="Topic">The channel's topic or event type (orders/create, ORDER_CHANGE, PO_CREATED, 1, ...).</param>
public sealed record ScenarioStep(
    int Sequence,
    SignedWebhook Webhook,
    ScenarioDeliveryKind Kind,
    string Topic,
    string? ExternalOrderId,
    ChannelOrderDocument? Document)
{
    public SalesChannel Channel => Webhook.Channel;
}
