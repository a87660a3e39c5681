using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Signatures;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.TikTokShop;

/// <summary>
/// TikTok Shop webhooks (CHANNELS.md 4). Webhooks carry no money: order topics are signals, the order is re-read with
/// Get Order Detail and converges on its <c>update_time</c>; a return status change (type 12) reads the order's returns
/// too, since a refund shows nowhere else.
/// </summary>
public sealed class TikTokShopWebhookChannel : IWebhookChannel
{
    public SalesChannel Channel => SalesChannel.TikTokShop;

    public ChannelResult<string> LocateAccount(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return TikTokShopNotification.Read(request.Body).ShopId.Trim();
        }
        catch (ChannelPayloadException ex)
        {
            return ChannelResult<string>.Fail(RejectionKind.Malformed, ex.Message);
        }
    }

    public bool Authenticate(WebhookRequest request, ChannelCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        return TikTokShopSignature.Verify(
            request.Body.Span, WebhookHeaders.Find(request, TikTokShopSignature.Header), credentials.AppKey, credentials.Secrets);
    }

    public ChannelResult<DeliveryEnvelope> ReadEnvelope(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var notification = TikTokShopNotification.Read(request.Body);
            var type = notification.Type;
            var notificationId = notification.NotificationId;
            var timestamp = notification.Timestamp;
            _ = notification.Data;
            if (!TikTokShopTopics.IsSupported(type))
            {
                return ChannelResult<DeliveryEnvelope>.Fail(
                    RejectionKind.UnsupportedTopic,
                    $"TikTok Shop webhook type {TikTokShopTopics.ToTopic(type)} is not handled; handled: {string.Join(", ", TikTokShopTopics.Supported)}.",
                    TikTokShopTopics.ToTopic(type));
            }

            return new DeliveryEnvelope(notificationId, TikTokShopTopics.ToTopic(type), null, timestamp);
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
        var notification = TikTokShopNotification.Read(body);
        var data = notification.Data;
        switch (notification.Type)
        {
            case TikTokShopTopics.OrderStatusChange:
            case TikTokShopTopics.RecipientAddressUpdate:
            case TikTokShopTopics.CancellationStatusChange:
                return new OrderSignal(data.Property("order_id").GetId());
            case TikTokShopTopics.ReturnStatusChange:
                // A return or refund leaves the order's own status as it was (DELIVERED): its money is in the returns.
                return new OrderSignal(data.Property("order_id").GetId()) { IncludesReturns = true };
            case TikTokShopTopics.PackageUpdate:
                // A package combine/split/cancel names its order when it concerns one; re-read that order.
                return data.Optional("order_id") is { } orderId
                    ? new OrderSignal(orderId.GetId())
                    : new ChannelNotice($"Package {data.Optional("package_id")?.GetId() ?? "unknown"} updated");
            case TikTokShopTopics.ProductStatusChange:
                return new ChannelNotice(
                    $"Product {data.Optional("product_id")?.GetId() ?? "unknown"} status {data.Optional("status")?.GetString() ?? "changed"}");
            case TikTokShopTopics.SellerDeauthorization:
                return new ChannelNotice("Seller deauthorised the app: the channel account no longer delivers");
            case TikTokShopTopics.UpcomingAuthorizationExpiration:
                return new ChannelNotice("The shop's authorisation expires soon: the seller must re-authorise");
            default:
                throw notification.Root.Property("type").Fail($"expected one of {string.Join(", ", TikTokShopTopics.Supported)}");
        }
    }

    public Order MapApiOrder(ChannelOrderDocument document, ChannelAccount account) => TikTokShopOrderMapper.Map(document, account);
}
