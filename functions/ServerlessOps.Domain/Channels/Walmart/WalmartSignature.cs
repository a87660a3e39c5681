using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServerlessOps.Domain.Channels.Signatures;

namespace ServerlessOps.Domain.Channels.Walmart;

/// <summary>
/// Walmart's performance-webhook signature (CHANNELS.md 3.2 B, VECTORS.md): string to sign =
/// <c>METHOD \n PATH_AND_QUERY \n WM_SEC.TIMESTAMP \n lowercase hex SHA-256(raw body)</c>;
/// <c>WM_SEC.SIGNATURE</c> = base64(HMAC-SHA256(webhook secret, string to sign)).
/// </summary>
public static class WalmartSignature
{
    public const string SignatureHeader = "WM_SEC.SIGNATURE";
    public const string TimestampHeader = "WM_SEC.TIMESTAMP";
    public const string KeyIdHeader = "WM_SEC.KEY_ID";

    /// <summary>Default replay window around <c>WM_SEC.TIMESTAMP</c>; Walmart names an "allowed skew" but not its size.</summary>
    public static readonly TimeSpan DefaultReplayWindow = TimeSpan.FromMinutes(5);

    public static string StringToSign(string method, string pathAndQuery, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        ArgumentNullException.ThrowIfNull(timestamp);
        return $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{timestamp}\n{Convert.ToHexStringLower(SHA256.HashData(body))}";
    }

    public static string Compute(string method, string pathAndQuery, string timestamp, ReadOnlySpan<byte> body, string secret) =>
        Convert.ToBase64String(HmacSha256.Compute(secret, Encoding.UTF8.GetBytes(StringToSign(method, pathAndQuery, timestamp, body))));

    /// <summary>True when <c>WM_SEC.SIGNATURE</c> and <c>WM_SEC.TIMESTAMP</c> are present and the signature matches one of the secrets.</summary>
    public static bool Verify(WebhookRequest request, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(secrets);
        var signature = WebhookHeaders.FindNonBlank(request.Headers, SignatureHeader);
        var timestamp = WebhookHeaders.FindNonBlank(request.Headers, TimestampHeader);
        if (signature is null || timestamp is null)
        {
            return false;
        }

        var message = Encoding.UTF8.GetBytes(StringToSign(request.Method, request.PathAndQuery, timestamp, request.Body.Span));
        var matched = false;
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                matched |= SignatureComparer.Base64DigestEquals(signature, HmacSha256.Compute(secret, message));
            }
        }

        return matched;
    }

    /// <summary>
    /// Whether the signed <c>WM_SEC.TIMESTAMP</c> (Unix seconds) is within <paramref name="window"/> of
    /// <paramref name="now"/>, either side. True when the request carries no signature (nothing signed, nothing to
    /// replay-check); false when it is signed but the timestamp is missing or not a number.
    /// </summary>
    public static bool IsWithinReplayWindow(WebhookRequest request, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        if (WebhookHeaders.FindNonBlank(request.Headers, SignatureHeader) is null)
        {
            return true;
        }

        var timestamp = WebhookHeaders.FindNonBlank(request.Headers, TimestampHeader);
        if (timestamp is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !Json.JsonValueParsing.TryFromEpochSeconds(seconds, out var signedAt))
        {
            return false;
        }

        return (now - signedAt).Duration() <= window;
    }
}
