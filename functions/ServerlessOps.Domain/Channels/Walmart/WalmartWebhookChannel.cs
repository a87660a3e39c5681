using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Walmart;

/// <summary>
/// Walmart Marketplace notifications (CHANNELS.md 3). Order events carry no prices: they are signals, the order is
/// re-read with <c>GET /v3/orders/{id}</c> and converges on its latest line <c>statusDate</c>.
/// The interface has no clock, so the signed-timestamp replay check is separate: the HTTP edge must call
/// <see cref="IsWithinReplayWindow"/> with its <see cref="TimeProvider"/>'s time after <see cref="Authenticate"/>.
/// </summary>
public sealed class WalmartWebhookChannel : IWebhookChannel
{
    /// <summary>Query parameter naming the partner (put in the subscription's <c>eventUrl</c>); wins over <c>payload.partnerId</c>.</summary>
    public const string AccountQueryParameter = "account";

    public SalesChannel Channel => SalesChannel.Walmart;

    /// <summary>
    /// Replay check for signed deliveries: <c>WM_SEC.TIMESTAMP</c> within <paramref name="window"/> of
    /// <paramref name="now"/> (default <see cref="WalmartSignature.DefaultReplayWindow"/>, 5 minutes). True for unsigned deliveries.
    /// </summary>
    public static bool IsWithinReplayWindow(WebhookRequest request, DateTimeOffset now, TimeSpan window) =>
        WalmartSignature.IsWithinReplayWindow(request, now, window);

    public ChannelResult<string> LocateAccount(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fromQuery = request.QueryParameter(AccountQueryParameter);
        if (!string.IsNullOrWhiteSpace(fromQuery))
        {
            return fromQuery.Trim();
        }

        try
        {
            return WalmartEvent.Read(request.Body).Payload.Property("partnerId").GetId().Trim();
        }
        catch (ChannelPayloadException ex)
        {
            return ChannelResult<string>.Fail(
                RejectionKind.Malformed, $"No '{AccountQueryParameter}' query parameter and no partner id in the body: {ex.Message}");
        }
    }

    public bool Authenticate(WebhookRequest request, ChannelCredentials credentials) => WalmartAuthenticator.Verify(request, credentials);

    public ChannelResult<DeliveryEnvelope> ReadEnvelope(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var walmartEvent = WalmartEvent.Read(request.Body);
            var eventId = walmartEvent.EventId;
            var eventType = walmartEvent.EventType;
            var occurredAt = walmartEvent.EventTime;
            if (!WalmartEventTypes.IsSupported(eventType))
            {
                return ChannelResult<DeliveryEnvelope>.Fail(
                    RejectionKind.UnsupportedTopic,
                    $"Walmart event type '{eventType}' is not handled; handled: {string.Join(", ", WalmartEventTypes.Supported)}.",
                    WebhookRejection.TopicLabel(eventType));
            }

            return new DeliveryEnvelope(eventId, eventType, null, occurredAt);
        }
        catch (ChannelPayloadException ex)
        {
            return ChannelResult<DeliveryEnvelope>.Fail(RejectionKind.Malformed, ex.Message);
        }
    }

    public DeliveryContent Interpret(
        DeliveryEnvelope envelope,
        IReadOnlyDictionary<string, string> headers,
        ReadOnlyMemory<byte> body,
        ChannelAccount account,
        string deliveryKey)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(account);
        var walmartEvent = WalmartEvent.Read(body);
        return walmartEvent.EventType switch
        {
            WalmartEventTypes.PoCreated or WalmartEventTypes.PoLineAutoCancelled or WalmartEventTypes.OrderUpdates =>
                WalmartEventMappers.OrderSignal(walmartEvent),
            WalmartEventTypes.InventoryOutOfStock => WalmartEventMappers.InventoryOutOfStock(walmartEvent, account, deliveryKey),
            WalmartEventTypes.BuyBoxChanged => WalmartEventMappers.BuyBoxChanged(walmartEvent, account, deliveryKey),
            WalmartEventTypes.OfferPublished or WalmartEventTypes.OfferUnpublished or WalmartEventTypes.SellerPerformanceNotifications =>
                WalmartEventMappers.Notice(walmartEvent),
            var other => throw walmartEvent.Source.Property("eventType").Fail($"expected one of {string.Join(", ", WalmartEventTypes.Supported)} (was {other})"),
        };
    }

    public Order MapApiOrder(ChannelOrderDocument document, ChannelAccount account) => WalmartOrderMapper.Map(document, account);
}
