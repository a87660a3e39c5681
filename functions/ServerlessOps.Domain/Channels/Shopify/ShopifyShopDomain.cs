using System.Text.RegularExpressions;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>
/// A shop's <c>*.myshopify.com</c> domain as Shopify sends it in <c>shop</c> (the OAuth callback, the app launch URL,
/// <c>X-Shopify-Shop-Domain</c>). The token exchange goes to <c>https://{shop}/admin/oauth/access_token</c>, so an
/// unchecked value would let a caller point our client secret at any host: only this shape is accepted (shopify-app-js
/// <c>sanitizeShop</c> accepts the same).
/// </summary>
public static partial class ShopifyShopDomain
{
    public const string Suffix = ".myshopify.com";

    /// <summary>Lower-case letters, digits and dashes, starting with a letter or digit, then <c>.myshopify.com</c>.</summary>
    public static bool IsValid(string? shop) => shop is { Length: <= 255 } && Pattern().IsMatch(shop);

    /// <summary>The domain lower-cased when valid; null otherwise.</summary>
    public static string? Normalize(string? shop)
    {
        var lowered = shop?.Trim().ToLowerInvariant();
        return IsValid(lowered) ? lowered : null;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9\-]*\.myshopify\.com$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
