using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// Section <c>ChannelApps</c>: our app as each marketplace knows it (client ids and secrets, authorisation URLs), used to
/// connect accounts and to refresh their tokens. A channel whose app is not configured cannot be connected (its start
/// answers a problem naming the missing setting); its accounts still work with entered access tokens. In Azure the
/// secrets are Key Vault references (infra/azure/settings.bicep <c>channelAppsSettings</c>). Validated at start by
/// <see cref="ChannelAppOptionsValidator"/>.
/// </summary>
public sealed class ChannelAppOptions
{
    public const string SectionName = "ChannelApps";

    /// <summary>
    /// The app's public address, which the marketplaces redirect the merchant back to
    /// (<c>{PublicBaseUrl}/api/connect/{channel}/callback</c>; register those URLs with each app). Empty (the default) =
    /// the address the admin's start request came to, right wherever the app is reached under one name.
    /// </summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>How long a started connection may take before its <c>state</c> is refused. Default 15 min; 1 min to 1 h.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Shopify public app (Partner Dashboard, Client credentials).</summary>
    public ShopifyAppOptions Shopify { get; set; } = new();

    /// <summary>Amazon Selling Partner API app (Developer Central: LWA credentials, application id).</summary>
    public AmazonAppOptions Amazon { get; set; } = new();

    /// <summary>TikTok Shop Partner Center app (app key, app secret, service id).</summary>
    public TikTokShopAppOptions TikTokShop { get; set; } = new();

    /// <summary>What our Walmart OAuth token endpoint issues (subscriptions with <c>authMethod=OAUTH</c>).</summary>
    public WalmartAppOptions Walmart { get; set; } = new();
}
