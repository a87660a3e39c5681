namespace ServerlessOps.Infrastructure.Tokens;

/// <summary><c>ChannelApps:TikTokShop</c>: the Partner Center app (CHANNELS.md 6).</summary>
public sealed class TikTokShopAppOptions
{
    /// <summary>The app key (also sent with every webhook). Empty = TikTok Shop accounts cannot be connected.</summary>
    public string AppKey { get; set; } = string.Empty;

    /// <summary>The app secret: signs webhooks and every API call; a secret (Key Vault in Azure).</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>The service id the authorisation page names.</summary>
    public string ServiceId { get; set; } = string.Empty;

    /// <summary>The seller's authorisation page. Default <c>https://services.tiktokshop.com/open/authorize</c> (US sellers: services.us.tiktokshop.com).</summary>
    public string AuthorizeUrl { get; set; } = "https://services.tiktokshop.com/open/authorize";

    /// <summary>Host of the token API (<c>/api/v2/token/get</c>, <c>/api/v2/token/refresh</c>). Default <c>https://auth.tiktok-shops.com</c>.</summary>
    public string AuthBaseUrl { get; set; } = "https://auth.tiktok-shops.com";

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(AppKey) && !string.IsNullOrWhiteSpace(AppSecret) && !string.IsNullOrWhiteSpace(ServiceId);

    public override string ToString() => $"TikTokShopAppOptions {{ AppKey = {AppKey}, AppSecret = ***, ServiceId = {ServiceId} }}";
}
