namespace ServerlessOps.Infrastructure.Brands;

/// <summary>One channel account of a brand (<c>Brands:{brandId}:Accounts:{n}:...</c>).</summary>
public sealed class ChannelAccountOptions
{
    /// <summary>Shopify, Amazon, Walmart or TikTokShop.</summary>
    public string? Channel { get; set; }

    /// <summary>Shop domain, selling-partner id, partner id or shop id.</summary>
    public string? AccountId { get; set; }

    /// <summary>The webhook secret (Shopify client secret, EventBridge credential, Walmart secret, TikTok app secret).</summary>
    public string? Secret { get; set; }

    /// <summary>The secret being rotated out; accepted alongside <see cref="Secret"/> until removed.</summary>
    public string? PreviousSecret { get; set; }

    /// <summary>TikTok Shop app key (part of the signed message).</summary>
    public string? AppKey { get; set; }

    /// <summary>Amazon/Walmart: header carrying the shared credential (default x-serverlessops-key; Authorization for Basic).</summary>
    public string? CredentialHeader { get; set; }

    /// <summary>Walmart: Header, Basic, Hmac, Signature or OAuth.</summary>
    public string? AuthMethod { get; set; }
}
