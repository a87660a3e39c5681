using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Domain.Tests.Properties.BadInput;

/// <summary>
/// A channel as the bad-input properties drive it: its adapter, the real sample deliveries and API documents to mutate,
/// how the channel signs a body (so a mutated body still authenticates and reaches the readers behind the signature),
/// and the account's credentials.
/// </summary>
internal sealed record FuzzChannel(
    IWebhookChannel Adapter,
    IReadOnlyList<(string Sample, string? ShopifyTopic)> Deliveries,
    IReadOnlyList<Func<string, ChannelOrderDocument>> ApiDocuments,
    IReadOnlyList<string> ApiSamples,
    ChannelCredentials Credentials)
{
    private static readonly ScenarioAccounts _accounts = ScenarioAccounts.Default;

    public static FuzzChannel Shopify { get; } = new(
        WebhookChannels.Shopify,
        [
            ("shopify-orders-create.json", "orders/create"), ("shopify-orders-updated.json", "orders/updated"),
            ("shopify-orders-cancelled.json", "orders/cancelled"), ("shopify-refunds-create.json", "refunds/create"),
            ("shopify-inventory-levels-update.json", "inventory_levels/update"),
        ],
        [],
        [],
        new ChannelCredentials([_accounts.ShopifySecret]));

    public static FuzzChannel Amazon { get; } = new(
        WebhookChannels.Amazon,
        [
            ("amazon-notification-order-change.json", null), ("amazon-pipe-order-change.json", null),
            ("amazon-eventbridge-listings-mfn-quantity.json", null), ("amazon-notification-any-offer-changed.json", null),
            ("amazon-notification-fba-inventory.json", null),
        ],
        [
            order => AmazonDocument(order, ChannelSamples.Text("amazon-orders-api-order-items.json")),
            items => AmazonDocument(ChannelSamples.AmazonSampleGetOrder(), items),
        ],
        [ChannelSamples.AmazonSampleGetOrder(), ChannelSamples.Text("amazon-orders-api-order-items.json")],
        new ChannelCredentials([_accounts.AmazonSecret], CredentialHeader: _accounts.AmazonCredentialHeader));

    public static FuzzChannel Walmart { get; } = new(
        WebhookChannels.Walmart,
        [("walmart-po-created.json", null), ("walmart-po-line-autocancelled.json", null), ("walmart-inventory-oos.json", null)],
        [json => new ChannelOrderDocument(SalesChannel.Walmart, "108812345678901", new Dictionary<string, string> { [ChannelOrderDocument.WalmartOrder] = json })],
        [ChannelSamples.Text("walmart-get-order.json")],
        new ChannelCredentials([_accounts.WalmartSecret], CredentialHeader: _accounts.WalmartCredentialHeader, AuthMethod: _accounts.WalmartAuthMethod.ToString()));

    public static FuzzChannel TikTok { get; } = new(
        WebhookChannels.TikTokShop,
        [("tiktok-order-status-change.json", null), ("tiktok-cancellation-status-change.json", null), ("tiktok-return-status-change.json", null)],
        [json => new ChannelOrderDocument(SalesChannel.TikTokShop, "576912345678901234", new Dictionary<string, string> { [ChannelOrderDocument.TikTokOrderDetail] = json })],
        [ChannelSamples.Text("tiktok-order-detail.json")],
        new ChannelCredentials([_accounts.TikTokAppSecret], AppKey: _accounts.TikTokAppKey));

    public static IReadOnlyList<FuzzChannel> All { get; } = [Shopify, Amazon, Walmart, TikTok];

    public SalesChannel Channel => Adapter.Channel;

    public ChannelAccount Account => _accounts.Account(Channel);

    /// <summary>The call as the channel would sign it, for <paramref name="body"/> whatever it holds.</summary>
    public WebhookRequest Signed(byte[] body, string? shopifyTopic) =>
        _accounts.Sign(Channel, body, "fuzz-delivery", shopifyTopic ?? "orders/create", DateTimeOffset.UtcNow).ToWebhookRequest();

    private static ChannelOrderDocument AmazonDocument(string order, string items) =>
        new(SalesChannel.Amazon, "114-3941689-8772232", new Dictionary<string, string>
        {
            [ChannelOrderDocument.AmazonOrder] = order,
            [ChannelOrderDocument.AmazonOrderItems] = items,
        });
}
