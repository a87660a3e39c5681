using System.Globalization;
using System.Text;
using ServerlessOps.Domain.Channels.Signatures;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>
/// The <c>hmac</c> Shopify adds to the query strings it sends an app (the app launch URL, the OAuth callback): the
/// lowercase hex HMAC-SHA256, keyed by the app's client secret, of every other parameter (<c>signature</c> excluded too)
/// sorted by name and written <c>name=value</c> joined by <c>&amp;</c>, values form-encoded as Shopify's own library
/// does (shopify-app-js <c>hmac-validator.ts</c>, <c>stringifyQueryForAdmin</c>). A <c>timestamp</c> parameter is signed
/// with them, so a window on it stops replays of a captured URL (the library allows 90 s).
/// </summary>
public static class ShopifyQuerySignature
{
    public const string HmacParameter = "hmac";

    /// <summary>Shopify's own window for the signed <c>timestamp</c>.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(90);

    /// <summary>The message Shopify signs for these parameters.</summary>
    public static string Message(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join('&', parameters
            .Where(p => p.Key is not HmacParameter and not "signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{FormEncode(p.Key)}={FormEncode(p.Value)}"));
    }

    /// <summary>The <c>hmac</c> value for <paramref name="parameters"/> under <paramref name="clientSecret"/>.</summary>
    public static string Compute(string clientSecret, IEnumerable<KeyValuePair<string, string>> parameters) =>
        Convert.ToHexStringLower(HmacSha256.Compute(clientSecret, Encoding.UTF8.GetBytes(Message(parameters))));

    /// <summary>
    /// Whether the parameters carry a valid <c>hmac</c> under one of <paramref name="clientSecrets"/> (current and, during a
    /// rotation, previous), compared in constant time. Every secret is tried.
    /// </summary>
    public static bool Verify(IReadOnlyList<KeyValuePair<string, string>> parameters, IReadOnlyList<string> clientSecrets)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(clientSecrets);
        var presented = parameters.Where(p => p.Key == HmacParameter).Select(p => p.Value).ToList();
        if (presented.Count != 1)
        {
            return false;
        }

        var message = Encoding.UTF8.GetBytes(Message(parameters));
        var matched = false;
        foreach (var secret in clientSecrets.Where(s => !string.IsNullOrEmpty(s)))
        {
            matched |= SignatureComparer.HexDigestEquals(presented[0], HmacSha256.Compute(secret, message));
        }

        return matched;
    }

    /// <summary>Whether the signed <c>timestamp</c> (Unix seconds) is within <paramref name="window"/> of <paramref name="now"/>.</summary>
    public static bool IsWithinWindow(string? timestamp, DateTimeOffset now, TimeSpan window)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return (now - at).Duration() <= window;
    }

    // application/x-www-form-urlencoded as URLSearchParams writes it: letters, digits and *-._ as they are, space as +.
    private static string FormEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '*' or '-' or '.' or '_')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
