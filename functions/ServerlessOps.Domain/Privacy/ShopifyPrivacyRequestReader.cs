using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Channels.Shopify;

namespace ServerlessOps.Domain.Privacy;

/// <summary>
/// Reads Shopify's mandatory privacy payloads (shopify.dev, "Privacy law compliance"):
/// <c>customers/redact</c> <c>{shop_id, shop_domain, customer: {id, email, phone}, orders_to_redact: [ids]}</c>,
/// <c>customers/data_request</c> the same with <c>orders_requested</c> and <c>data_request: {id}</c>,
/// <c>shop/redact</c> <c>{shop_id, shop_domain}</c>. The account is the delivery's (its shop domain header), which
/// the edge authenticated; the body's <c>shop_domain</c> is not trusted over it.
/// </summary>
public static class ShopifyPrivacyRequestReader
{
    public static bool IsPrivacyTopic(string topic) => KindOf(topic) is not null;

    public static PrivacyRequestNotice Read(string topic, JsonCursor body, string accountId)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        body.ExpectObject();
        var kind = KindOf(topic) ?? throw new ChannelPayloadException($"Shopify topic '{topic}' is not a privacy request.");
        if (kind == PrivacyRequestKind.ShopRedact)
        {
            return new PrivacyRequestNotice(kind, accountId, CustomerId: null, ExternalOrderIds: [], ChannelRequestId: null);
        }

        var customer = body.Property("customer");
        var orders = body.OptionalAny("orders_to_redact", "orders_requested")?.Items().Select(o => o.GetId()).Distinct(StringComparer.Ordinal).ToList() ?? [];
        return new PrivacyRequestNotice(
            kind,
            accountId,
            customer.Property("id").GetId(),
            orders,
            body.Optional("data_request")?.Optional("id")?.GetId())
        {
            Email = customer.Optional("email")?.GetString(),
            Phone = customer.Optional("phone")?.GetString(),
        };
    }

    /// <summary>The Shopify topic that asks for <paramref name="kind"/> (<c>customers/redact</c>), as the merchant knows it.</summary>
    public static string TopicOf(PrivacyRequestKind kind) => kind switch
    {
        PrivacyRequestKind.CustomerRedact => ShopifyTopics.CustomersRedact,
        PrivacyRequestKind.ShopRedact => ShopifyTopics.ShopRedact,
        PrivacyRequestKind.CustomerDataRequest => ShopifyTopics.CustomersDataRequest,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a Shopify privacy request kind."),
    };

    private static PrivacyRequestKind? KindOf(string topic) => topic.ToLowerInvariant() switch
    {
        ShopifyTopics.CustomersRedact => PrivacyRequestKind.CustomerRedact,
        ShopifyTopics.ShopRedact => PrivacyRequestKind.ShopRedact,
        ShopifyTopics.CustomersDataRequest => PrivacyRequestKind.CustomerDataRequest,
        _ => null,
    };
}
