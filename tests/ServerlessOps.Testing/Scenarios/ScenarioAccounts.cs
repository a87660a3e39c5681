using System.Globalization;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Webhooks;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>
/// The brand and channel accounts a scenario signs for, with throw-away test secrets (the VECTORS.md ones where
/// a vector exists) and the sample ids: shop acme-outfitters.myshopify.com, seller A2EXAMPLESELLR1, partner
/// 10001234567, TikTok shop 7495512345678901234. <see cref="ToConfiguration"/> gives them in the SETTINGS.md layout.
/// </summary>
public sealed record ScenarioAccounts
{
    public static ScenarioAccounts Default { get; } = new();

    public string BrandId { get; init; } = "acme";

    public string BrandDisplayName { get; init; } = "Acme Outfitters";

    public string BrandOwner { get; init; } = "ops@acme-outfitters.example";

    public string ShopifyShopDomain { get; init; } = "acme-outfitters.myshopify.com";

    public string ShopifySecret { get; init; } = "test-shopify-client-secret-0001";

    public string AmazonSellerId { get; init; } = "A2EXAMPLESELLR1";

    /// <summary>The EventBridge connection's API-key header; <c>Authorization</c> would make it Basic.</summary>
    public string AmazonCredentialHeader { get; init; } = "x-serverlessops-key";

    public string AmazonSecret { get; init; } = "test-eventbridge-api-key-0001";

    /// <summary>Shopify Admin API access token (X-Shopify-Access-Token): the backstop's order list and read.</summary>
    public string ShopifyAccessToken { get; init; } = "test-shopify-admin-access-token";

    public string AmazonAccessToken { get; init; } = "test-amazon-lwa-access-token";

    public string WalmartPartnerId { get; init; } = "10001234567";

    public WalmartAuthMethod WalmartAuthMethod { get; init; } = WalmartAuthMethod.Header;

    /// <summary>The subscription's authHeaderName (unused by the Signature method).</summary>
    public string WalmartCredentialHeader { get; init; } = "x-serverlessops-key";

    public string WalmartSecret { get; init; } = "test-walmart-webhook-secret";

    public string WalmartAccessToken { get; init; } = "test-walmart-access-token";

    public string TikTokShopId { get; init; } = "7495512345678901234";

    public string TikTokAppKey { get; init; } = "test-tts-app-key";

    /// <summary>Signs the webhooks and the outbound API calls alike (the account's <c>Secret</c>).</summary>
    public string TikTokAppSecret { get; init; } = "test-tts-app-secret";

    public string TikTokAccessToken { get; init; } = "test-tts-access-token";

    public string TikTokShopCipher { get; init; } = "TTP_EXAMPLECIPHER";

    public ChannelAccount Account(SalesChannel channel) => new(BrandId, channel, AccountId(channel));

    public string AccountId(SalesChannel channel) => channel switch
    {
        SalesChannel.Shopify => ShopifyShopDomain,
        SalesChannel.Amazon => AmazonSellerId,
        SalesChannel.Walmart => WalmartPartnerId,
        SalesChannel.TikTokShop => TikTokShopId,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown sales channel."),
    };

    /// <summary>
    /// <c>Brands:{BrandId}:...</c> with accounts 0 Shopify, 1 Amazon, 2 Walmart, 3 TikTokShop, and, when
    /// <paramref name="marketplace"/> is given, <c>Channels:{Amazon|Walmart|TikTokShop}:BaseUrl</c>, <c>Backstop:ShopifyAdminBaseUrl</c> and
    /// <c>InventoryPush:Shopify:BaseUrl</c> (the stub's <c>/shops/{shop}</c>) pointing at it.
    /// Feed to <c>AddInMemoryCollection</c>; in environment variables ':' becomes '__'.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration(Uri? marketplace = null)
    {
        var brand = $"Brands:{BrandId}";
        var settings = new List<KeyValuePair<string, string?>>
        {
            new($"{brand}:DisplayName", BrandDisplayName),
            new($"{brand}:Owner", BrandOwner),
        };

        void Account(int index, SalesChannel channel, params (string Key, string Value)[] extras)
        {
            var prefix = $"{brand}:Accounts:{index.ToString(CultureInfo.InvariantCulture)}";
            settings.Add(new($"{prefix}:Channel", channel.ToString()));
            settings.Add(new($"{prefix}:AccountId", AccountId(channel)));
            settings.AddRange(extras.Select(e => new KeyValuePair<string, string?>($"{prefix}:{e.Key}", e.Value)));
        }

        Account(0, SalesChannel.Shopify, ("Secret", ShopifySecret), ("AccessToken", ShopifyAccessToken));
        Account(1, SalesChannel.Amazon, ("Secret", AmazonSecret), ("CredentialHeader", AmazonCredentialHeader), ("AccessToken", AmazonAccessToken));
        Account(
            2, SalesChannel.Walmart, ("Secret", WalmartSecret), ("AuthMethod", WalmartAuthMethod.ToString()),
            ("CredentialHeader", WalmartCredentialHeader), ("AccessToken", WalmartAccessToken));
        Account(
            3, SalesChannel.TikTokShop, ("Secret", TikTokAppSecret), ("AppKey", TikTokAppKey),
            ("AccessToken", TikTokAccessToken), ("ShopCipher", TikTokShopCipher));

        if (marketplace is not null)
        {
            var url = marketplace.ToString();
            settings.Add(new("Channels:Amazon:BaseUrl", url));

            // The stub enforces no usage plan, and tests and benchmarks send Amazon orders far above Amazon's 0.5 reads a
            // second; the pacing itself is proven by AmazonUsagePlanHandlerTests.
            settings.Add(new("Channels:PaceAmazonUsagePlans", "false"));
            settings.Add(new("Channels:Walmart:BaseUrl", url));
            settings.Add(new("Channels:TikTokShop:BaseUrl", url));
            settings.Add(new("Backstop:ShopifyAdminBaseUrl", url));

            // Shopify's stock and price pushes go to the shop's own domain in production; the stub serves each shop under
            // /shops/{shop}. Without it an app on the stub pushes Shopify to the real domain and fails.
            settings.Add(new("InventoryPush:Shopify:BaseUrl", url.TrimEnd('/') + "/shops/{shop}"));
        }

        return settings;
    }

    /// <summary>Makes the stub accept exactly these accounts' access tokens and TikTok app credentials.</summary>
    public void ExpectCredentials(Marketplace marketplace)
    {
        ArgumentNullException.ThrowIfNull(marketplace);
        marketplace.ExpectAmazonToken(AmazonAccessToken);
        marketplace.ExpectWalmartToken(WalmartAccessToken);
        marketplace.ExpectTikTok(TikTokAppKey, TikTokAppSecret, TikTokAccessToken);
    }

    /// <summary>Signs a body as this account's channel would.</summary>
    public SignedWebhook Sign(SalesChannel channel, ReadOnlyMemory<byte> body, string deliveryId, string? shopifyTopic = null, DateTimeOffset? at = null) => channel switch
    {
        SalesChannel.Shopify => WebhookSigner.Shopify(
            body, shopifyTopic ?? throw new ArgumentNullException(nameof(shopifyTopic), "A Shopify delivery needs its topic."),
            ShopifyShopDomain, ShopifySecret, deliveryId, DeterministicEventId(deliveryId), at),
        SalesChannel.Amazon => WebhookSigner.Amazon(body, deliveryId, AmazonCredentialHeader, AmazonSecret),
        SalesChannel.Walmart => WebhookSigner.Walmart(body, deliveryId, WalmartPartnerId, WalmartAuthMethod, WalmartSecret, WalmartCredentialHeader, at),
        SalesChannel.TikTokShop => WebhookSigner.TikTok(body, deliveryId, TikTokAppKey, TikTokAppSecret),
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown sales channel."),
    };

    /// <summary>Shopify's event id differs from the delivery id; derived so a re-send carries the same one.</summary>
    private static string DeterministicEventId(string deliveryId) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("event:" + deliveryId)).AsSpan(0, 16)).ToString();
}
