using System.Text.Json;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Channels.Signatures;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Privacy;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>
/// Shopify HTTPS webhooks (CHANNELS.md 1): the body is the full REST resource, so orders converge on the payload
/// itself (<c>updated_at</c>, tie-break <c>X-Shopify-Triggered-At</c>) and no API read-back is needed. Refunds and
/// fulfilments are partial facts of an order, folded into it by their own ids (<see cref="OrderFactReport"/>).
/// </summary>
public sealed class ShopifyWebhookChannel : IWebhookChannel
{
    // Shopify's Ruby library requires only these three (CHANNELS.md 5a); the webhook id is required by us as the de-dup key.
    private static readonly string[] _requiredHeaders = [ShopifyHeaders.Topic, ShopifyHeaders.Hmac, ShopifyHeaders.ShopDomain, ShopifyHeaders.WebhookId];

    public SalesChannel Channel => SalesChannel.Shopify;

    public ChannelResult<string> LocateAccount(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var domain = WebhookHeaders.FindNonBlank(request.Headers, ShopifyHeaders.ShopDomain);
        return domain is null
            ? ChannelResult<string>.Fail(RejectionKind.Malformed, $"Header {ShopifyHeaders.ShopDomain} is missing: it names the shop the delivery is for.")
            : domain.ToLowerInvariant();
    }

    public bool Authenticate(WebhookRequest request, ChannelCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        return ShopifySignature.Verify(request.Body.Span, WebhookHeaders.Find(request, ShopifyHeaders.Hmac), credentials.Secrets);
    }

    public ChannelResult<DeliveryEnvelope> ReadEnvelope(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var name in _requiredHeaders)
        {
            if (WebhookHeaders.FindNonBlank(request.Headers, name) is null)
            {
                return ChannelResult<DeliveryEnvelope>.Fail(RejectionKind.Malformed, $"Header {name} is missing or empty.");
            }
        }

        var triggeredAtText = WebhookHeaders.FindNonBlank(request.Headers, ShopifyHeaders.TriggeredAt);
        DateTimeOffset? triggeredAt = null;
        if (triggeredAtText is not null)
        {
            if (!JsonValueParsing.TryParseIsoTime(triggeredAtText, out var parsed))
            {
                return ChannelResult<DeliveryEnvelope>.Fail(
                    RejectionKind.Malformed, $"Header {ShopifyHeaders.TriggeredAt}: expected an ISO 8601 time, found '{Shorten(triggeredAtText)}'.");
            }

            triggeredAt = parsed;
        }

        JsonCursor body;
        try
        {
            body = JsonCursor.Parse(request.Body);
        }
        catch (ChannelPayloadException ex)
        {
            // The parser's message says what is wrong and where (line and byte, a member written twice, bytes not UTF-8).
            return ChannelResult<DeliveryEnvelope>.Fail(RejectionKind.Malformed, $"Body: expected a JSON object; {ex.Message}");
        }

        if (body.Kind != JsonValueKind.Object)
        {
            return ChannelResult<DeliveryEnvelope>.Fail(RejectionKind.Malformed, $"Body: expected a JSON object, found {body.Kind.ToString().ToLowerInvariant()}.");
        }

        var topic = WebhookHeaders.FindNonBlank(request.Headers, ShopifyHeaders.Topic)!;
        if (!ShopifyTopics.TryClassify(topic, out _))
        {
            return ChannelResult<DeliveryEnvelope>.Fail(
                RejectionKind.UnsupportedTopic,
                $"Shopify topic '{Shorten(topic)}' is not handled; handled: {string.Join(", ", ShopifyTopics.Supported)}.",
                WebhookRejection.TopicLabel(topic.ToLowerInvariant()));
        }

        return new DeliveryEnvelope(
            DeliveryId: WebhookHeaders.FindNonBlank(request.Headers, ShopifyHeaders.WebhookId)!,
            Topic: topic.ToLowerInvariant(),
            EventId: WebhookHeaders.FindNonBlank(request.Headers, ShopifyHeaders.EventId),
            OccurredAt: triggeredAt);
    }

    public DeliveryContent Interpret(
        DeliveryEnvelope envelope,
        IReadOnlyDictionary<string, string> headers,
        ReadOnlyMemory<byte> body,
        ChannelAccount account,
        string deliveryKey)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(account);
        if (!ShopifyTopics.TryClassify(envelope.Topic, out var kind))
        {
            throw new ChannelPayloadException($"Shopify topic '{envelope.Topic}' is not handled.");
        }

        var root = JsonCursor.Parse(body);
        return kind switch
        {
            ShopifyTopicKind.Order => new OrderSnapshot(ShopifyOrderMapper.Map(root, account, TriggeredAt(envelope, headers))),
            ShopifyTopicKind.Refund => ShopifyRefundMapper.Report(root),
            ShopifyTopicKind.Fulfillment => ShopifyFulfillmentMapper.Report(root),
            ShopifyTopicKind.InventoryLevel => ShopifyInventoryMapper.Map(root, account, deliveryKey),
            ShopifyTopicKind.Product => ShopifyProductMapper.Map(root, account, deliveryKey),
            ShopifyTopicKind.PrivacyRequest => ShopifyPrivacyRequestReader.Read(envelope.Topic, root, account.AccountId),
            _ => ShopifyNotices.For(envelope.Topic, root),
        };
    }

    public Order MapApiOrder(ChannelOrderDocument document, ChannelAccount account) =>
        throw new NotSupportedException("Shopify webhooks carry the whole order; there is no API read-back to map.");

    private static DateTimeOffset? TriggeredAt(DeliveryEnvelope envelope, IReadOnlyDictionary<string, string> headers)
    {
        if (envelope.OccurredAt is { } occurred)
        {
            return occurred;
        }

        var text = WebhookHeaders.FindNonBlank(headers, ShopifyHeaders.TriggeredAt);
        if (text is null)
        {
            return null;
        }

        return JsonValueParsing.TryParseIsoTime(text, out var parsed)
            ? parsed
            : throw new ChannelPayloadException($"Header {ShopifyHeaders.TriggeredAt}: expected an ISO 8601 time, found '{Shorten(text)}'.");
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : $"{text[..60]}...";
}
