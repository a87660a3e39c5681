using System.Globalization;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// Our app as the stub marketplace's authorisation servers know it: what the function app's <c>ChannelApps</c> settings
/// must hold for its connections and refreshes to be accepted (<see cref="Settings"/> gives them, pointed at the stub).
/// Throw-away test values.
/// </summary>
public sealed record StubApps
{
    public static StubApps Default { get; } = new();

    public string ShopifyClientId { get; init; } = "test-shopify-app-client-id";

    /// <summary>Also what Shopify webhooks of connected shops are signed with (the scenario's Shopify secret by default).</summary>
    public string ShopifyClientSecret { get; init; } = "test-shopify-client-secret-0001";

    public string AmazonClientId { get; init; } = "amzn1.application-oa2-client.test0001";

    public string AmazonClientSecret { get; init; } = "test-lwa-client-secret-0001";

    public string AmazonApplicationId { get; init; } = "amzn1.sp.solution.test-0001";

    /// <summary>The scenario's TikTok app key and secret by default, so connected shops' webhooks and calls verify.</summary>
    public string TikTokAppKey { get; init; } = "test-tts-app-key";

    public string TikTokAppSecret { get; init; } = "test-tts-app-secret";

    public string TikTokServiceId { get; init; } = "7000000000000000001";

    /// <summary><c>ChannelApps:*</c> settings (':' separated) for an app whose marketplace is the stub at <paramref name="stub"/>.</summary>
    public IReadOnlyDictionary<string, string> Settings(Uri stub)
    {
        ArgumentNullException.ThrowIfNull(stub);
        var root = stub.ToString().TrimEnd('/');
        return new Dictionary<string, string>
        {
            ["ChannelApps:Shopify:ClientId"] = ShopifyClientId,
            ["ChannelApps:Shopify:ClientSecret"] = ShopifyClientSecret,
            ["ChannelApps:Shopify:ShopBaseUrl"] = root + "/shops/{shop}",
            ["ChannelApps:Amazon:ClientId"] = AmazonClientId,
            ["ChannelApps:Amazon:ClientSecret"] = AmazonClientSecret,
            ["ChannelApps:Amazon:ApplicationId"] = AmazonApplicationId,
            ["ChannelApps:Amazon:ConsentUrl"] = root + "/apps/authorize/consent",
            ["ChannelApps:Amazon:TokenUrl"] = root + "/auth/o2/token",
            ["ChannelApps:TikTokShop:AppKey"] = TikTokAppKey,
            ["ChannelApps:TikTokShop:AppSecret"] = TikTokAppSecret,
            ["ChannelApps:TikTokShop:ServiceId"] = TikTokServiceId,
            ["ChannelApps:TikTokShop:AuthorizeUrl"] = root + "/open/authorize",
            ["ChannelApps:TikTokShop:AuthBaseUrl"] = root,
        };
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"StubApps {{ Shopify = {ShopifyClientId}, Amazon = {AmazonClientId}, TikTok = {TikTokAppKey} }}");
}
