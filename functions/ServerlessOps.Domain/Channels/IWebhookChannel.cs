using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels;

/// <summary>
/// One marketplace's webhook contract (CHANNELS.md), as pure functions over the raw request. The HTTP edge
/// calls, in order: <see cref="LocateAccount"/>, <see cref="Authenticate"/>, <see cref="ReadEnvelope"/>, then
/// stores the raw delivery and acknowledges; the queue processor later calls <see cref="Interpret"/> and,
/// for an <see cref="OrderSignal"/>, <see cref="MapApiOrder"/> on what the channel's API returned.
/// </summary>
public interface IWebhookChannel
{
    SalesChannel Channel { get; }

    /// <summary>
    /// Which channel account sent the call (Shopify X-Shopify-Shop-Domain, Amazon SellerId, Walmart
    /// payload.partnerId or the <c>account</c> query parameter, TikTok shop_id). May parse the body, but must
    /// not trust it beyond picking the credentials to verify with.
    /// </summary>
    ChannelResult<string> LocateAccount(WebhookRequest request);

    /// <summary>
    /// Verifies the channel's authentication over the raw bytes with any of the account's secrets,
    /// comparing in constant time. False for a missing, malformed or wrong signature.
    /// </summary>
    bool Authenticate(WebhookRequest request, ChannelCredentials credentials);

    /// <summary>Delivery id, topic and timing; a rejection when the body or a header is malformed or the topic is not handled.</summary>
    ChannelResult<DeliveryEnvelope> ReadEnvelope(WebhookRequest request);

    /// <summary>Normalises an authenticated delivery. Throws <see cref="ChannelPayloadException"/> naming the bad field.</summary>
    /// <param name="envelope">The envelope read at the edge.</param>
    /// <param name="headers">The stored headers (Shopify's triggered-at is a version tie-break).</param>
    /// <param name="body">The raw body.</param>
    /// <param name="account">The account it came from; every record produced carries its brand.</param>
    /// <param name="deliveryKey">Stable key of the delivery, for deterministic ids of the records produced.</param>
    DeliveryContent Interpret(
        DeliveryEnvelope envelope,
        IReadOnlyDictionary<string, string> headers,
        ReadOnlyMemory<byte> body,
        ChannelAccount account,
        string deliveryKey);

    /// <summary>Maps an order read back from the channel's API. Throws <see cref="ChannelPayloadException"/>;
    /// <see cref="NotSupportedException"/> for channels whose webhooks carry the whole order.</summary>
    Order MapApiOrder(ChannelOrderDocument document, ChannelAccount account);
}
