using ServerlessOps.Domain.Channels.Signatures;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>
/// <c>X-Shopify-Hmac-Sha256</c> = base64(HMAC-SHA256(client secret, raw body)) (CHANNELS.md 1.2, VECTORS.md).
/// An empty body or a missing header fails, as in Shopify's own validator.
/// </summary>
public static class ShopifySignature
{
    public static bool Verify(ReadOnlySpan<byte> body, string? headerValue, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (body.IsEmpty || string.IsNullOrWhiteSpace(headerValue))
        {
            return false;
        }

        var matched = false;
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                // Every secret is tried: which one matched (current or previous) must not show in the timing.
                matched |= SignatureComparer.Base64DigestEquals(headerValue, HmacSha256.Compute(secret, body));
            }
        }

        return matched;
    }

    /// <summary>The header value Shopify would send (tests, local tooling).</summary>
    public static string Compute(ReadOnlySpan<byte> body, string secret) => Convert.ToBase64String(HmacSha256.Compute(secret, body));
}
