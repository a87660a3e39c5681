using System.Text;
using ServerlessOps.Domain.Channels.Signatures;

namespace ServerlessOps.Domain.Channels.TikTokShop;

/// <summary>
/// TikTok Shop webhook signature (CHANNELS.md 4.2, VECTORS.md): header <c>Authorization</c>, no <c>Bearer</c> prefix,
/// = lowercase hex HMAC-SHA256(key = app secret, message = app key bytes immediately followed by the raw body).
/// Reproduces the platform's own worked example.
/// </summary>
public static class TikTokShopSignature
{
    public const string Header = "Authorization";

    public static bool Verify(ReadOnlySpan<byte> body, string? headerValue, string? appKey, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (body.IsEmpty || string.IsNullOrWhiteSpace(headerValue) || string.IsNullOrEmpty(appKey))
        {
            return false;
        }

        var prefix = Encoding.UTF8.GetBytes(appKey);
        var matched = false;
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                matched |= SignatureComparer.HexDigestEquals(headerValue, HmacSha256.Compute(secret, prefix, body));
            }
        }

        return matched;
    }

    public static string Compute(ReadOnlySpan<byte> body, string appKey, string secret) =>
        Convert.ToHexStringLower(HmacSha256.Compute(secret, Encoding.UTF8.GetBytes(appKey), body));
}
