using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>
/// SP-API notifications delivered by an EventBridge API destination (CHANNELS.md 2): the body is not signed, the
/// connection's credential header is checked instead, and order notifications are signals: the order is re-read from
/// the Orders API and converges on its <c>LastUpdateDate</c>.
/// </summary>
public sealed class AmazonWebhookChannel : IWebhookChannel
{
    /// <summary>Query parameter that names the seller when the payload does not (set in the API destination's URL).</summary>
    public const string AccountQueryParameter = "account";

    public SalesChannel Channel => SalesChannel.Amazon;

    public ChannelResult<string> LocateAccount(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? fromPayload = null;
        string? problem = null;
        try
        {
            fromPayload = AmazonSellerLocator.Find(AmazonDelivery.Read(request.Body));
        }
        catch (ChannelPayloadException ex)
        {
            problem = ex.Message;
        }

        if (fromPayload is not null)
        {
            return fromPayload;
        }

        var fromQuery = request.QueryParameter(AccountQueryParameter);
        if (!string.IsNullOrWhiteSpace(fromQuery))
        {
            return fromQuery.Trim();
        }

        return ChannelResult<string>.Fail(
            RejectionKind.Malformed,
            problem ?? $"No SellerId in the notification payload and no '{AccountQueryParameter}' query parameter: cannot tell which seller it is for.");
    }

    public bool Authenticate(WebhookRequest request, ChannelCredentials credentials) => AmazonCredentialCheck.Verify(request, credentials);

    public ChannelResult<DeliveryEnvelope> ReadEnvelope(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var delivery = AmazonDelivery.Read(request.Body);
            var notificationId = delivery.NotificationId;
            _ = delivery.Payload;
            if (!AmazonNotificationTypes.IsSupported(delivery.Type))
            {
                return ChannelResult<DeliveryEnvelope>.Fail(
                    RejectionKind.UnsupportedTopic,
                    $"Amazon notification type '{delivery.Type}' is not handled; handled: {string.Join(", ", AmazonNotificationTypes.Supported)}.",
                    WebhookRejection.TopicLabel(delivery.Type));
            }

            return new DeliveryEnvelope(notificationId, delivery.Type, delivery.TransportId, delivery.EventTime);
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
        var delivery = AmazonDelivery.Read(body);
        return delivery.Type switch
        {
            AmazonNotificationTypes.OrderChange => new OrderSignal(
                delivery.Payload.Property("OrderChangeNotification").Property("AmazonOrderId").GetNonEmptyString()),
            AmazonNotificationTypes.FbaInventoryAvailabilityChanges => AmazonInventoryMapper.MapFba(delivery, account, deliveryKey),
            AmazonNotificationTypes.ListingsItemMfnQuantityChange => AmazonInventoryMapper.MapMfn(delivery, account, deliveryKey),
            AmazonNotificationTypes.AnyOfferChanged => AmazonOfferMapper.Map(delivery, account, deliveryKey),
            AmazonNotificationTypes.PricingHealth
                or AmazonNotificationTypes.FulfillmentOrderStatus
                or AmazonNotificationTypes.ReportProcessingFinished
                or AmazonNotificationTypes.FeedProcessingFinished => AmazonNotices.For(delivery),
            _ => throw new ChannelPayloadException($"Amazon notification type '{delivery.Type}' is not handled."),
        };
    }

    public Order MapApiOrder(ChannelOrderDocument document, ChannelAccount account) => AmazonOrderMapper.Map(document, account);
}
