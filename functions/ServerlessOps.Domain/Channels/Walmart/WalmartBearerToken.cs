using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServerlessOps.Domain.Channels.Signatures;

namespace ServerlessOps.Domain.Channels.Walmart;

/// <summary>
/// The bearer tokens our Walmart OAuth token endpoint issues for subscriptions with <c>authMethod=OAUTH</c> (CHANNELS.md
/// 3.2): Walmart exchanges the client id and secret we gave it for one, then sends it with every delivery. A token is
/// <c>wmo1.{expires, Unix s}.{nonce}.{mac}</c>, the MAC an HMAC-SHA256 of the first three parts under a key derived
/// from the account's <c>client-id:client-secret</c> credential (its webhook secret). Nothing is stored: any instance
/// verifies a token any instance issued, a token is good for one account only (another account's secret gives
/// another key), and rotating the credential ends the tokens issued under a value once that value is dropped.
/// </summary>
public static class WalmartBearerToken
{
    /// <summary>Version prefix; a later format takes another.</summary>
    public const string Prefix = "wmo1";

    /// <summary>The scheme Walmart puts before the token in the subscription's header.</summary>
    public const string Scheme = "Bearer";

    /// <summary>Longest lifetime a token may claim: a token further out was not issued by us (or by a wrongly configured us).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    private static readonly byte[] _keyLabel = Encoding.UTF8.GetBytes("serverlessops walmart oauth bearer v1");

    /// <summary>A token valid until <paramref name="expiresAt"/>, signed under <paramref name="credential"/>.</summary>
    /// <param name="credential">The account's current webhook secret, <c>client-id:client-secret</c>.</param>
    /// <param name="nonce">At least 16 random bytes from the caller (Domain has no randomness of its own).</param>
    public static string Issue(string credential, DateTimeOffset expiresAt, ReadOnlySpan<byte> nonce)
    {
        ArgumentException.ThrowIfNullOrEmpty(credential);
        if (nonce.Length < 16)
        {
            throw new ArgumentException("A token nonce needs at least 16 random bytes.", nameof(nonce));
        }

        var body = $"{Prefix}.{expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{Base64Url(nonce)}";
        return $"{body}.{Base64Url(Mac(credential, body))}";
    }

    /// <summary>
    /// Whether <paramref name="token"/> (with or without the <c>Bearer </c> scheme) was issued under one of
    /// <paramref name="credentials"/> and has not expired at <paramref name="now"/>. Every credential is tried, in
    /// constant time per credential.
    /// </summary>
    public static bool Verify(string? token, IReadOnlyList<string> credentials, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var bare = StripScheme(token);
        if (bare is null)
        {
            return false;
        }

        var parts = bare.Split('.');
        if (parts.Length != 4 || parts[0] != Prefix
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresUnix)
            || !TryFromBase64Url(parts[3], out var presented))
        {
            return false;
        }

        DateTimeOffset expiresAt;
        try
        {
            expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresUnix);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }

        if (expiresAt <= now || expiresAt - now > MaxLifetime)
        {
            return false;
        }

        var body = $"{parts[0]}.{parts[1]}.{parts[2]}";
        var matched = false;
        foreach (var credential in credentials)
        {
            if (!string.IsNullOrEmpty(credential))
            {
                var expected = Mac(credential, body);
                matched |= presented.Length == expected.Length && CryptographicOperations.FixedTimeEquals(presented, expected);
            }
        }

        return matched;
    }

    /// <summary>The token without a leading <c>Bearer </c> (any case); null when nothing is left.</summary>
    public static string? StripScheme(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > Scheme.Length && trimmed.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && trimmed[Scheme.Length] == ' ')
        {
            trimmed = trimmed[(Scheme.Length + 1)..].Trim();
        }

        return trimmed.Length == 0 ? null : trimmed;
    }

    private static byte[] Mac(string credential, string body)
    {
        var key = HmacSha256.Compute(credential, _keyLabel);
        return HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body));
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        return SignatureEncoding.TryDecodeBase64(padded, out bytes);
    }
}
