namespace ServerlessOps.Infrastructure.Tokens;

/// <summary><c>ChannelApps:Amazon</c>: the Selling Partner API application and its Login with Amazon credentials (CHANNELS.md 6).</summary>
public sealed class AmazonAppOptions
{
    /// <summary>LWA client id of the app. Empty = Amazon accounts cannot be connected.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>LWA client secret: a secret (Key Vault in Azure).</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>The SP-API application id (<c>amzn1.sp.solution...</c>) the consent page names.</summary>
    public string ApplicationId { get; set; } = string.Empty;

    /// <summary>Seller Central's consent page (website authorisation workflow). Default <c>https://sellercentral.amazon.com/apps/authorize/consent</c> (North America).</summary>
    public string ConsentUrl { get; set; } = "https://sellercentral.amazon.com/apps/authorize/consent";

    /// <summary>The LWA token endpoint. Default <c>https://api.amazon.com/auth/o2/token</c>.</summary>
    public string TokenUrl { get; set; } = "https://api.amazon.com/auth/o2/token";

    /// <summary>Whether the app is still a draft: the consent URL then carries <c>version=beta</c>. Default false.</summary>
    public bool Draft { get; set; }

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(ApplicationId);

    public override string ToString() => $"AmazonAppOptions {{ ClientId = {ClientId}, ClientSecret = ***, ApplicationId = {ApplicationId} }}";
}
