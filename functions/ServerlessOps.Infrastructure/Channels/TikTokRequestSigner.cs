using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// TikTok Shop Open API request signing (CHANNELS.md 4.6, VECTORS.md "Outbound request signing"):
/// <c>sign</c> = lowercase hex HMAC-SHA256(key = app secret, message = app secret + path + every query
/// <c>key</c><c>value</c> pair except <c>sign</c> and <c>access_token</c>, sorted by key (ordinal) + body + app secret).
/// The body is part of the message only for non-GET, non-multipart requests: pass it for those, empty otherwise.
/// </summary>
public static class TikTokRequestSigner
{
    public static string Sign(string appSecret, string path, IEnumerable<KeyValuePair<string, string>> query, ReadOnlySpan<byte> body = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(query);

        var message = new StringBuilder(appSecret).Append(path);
        foreach (var (key, value) in query
            .Where(p => p.Key is not "sign" and not "access_token")
            .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            message.Append(key).Append(value);
        }

        var head = Encoding.UTF8.GetBytes(message.ToString());
        var tail = Encoding.UTF8.GetBytes(appSecret);
        var signed = new byte[head.Length + body.Length + tail.Length];
        head.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(head.Length));
        tail.CopyTo(signed, head.Length + body.Length);

        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), signed);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Unix seconds, the form of TikTok's <c>timestamp</c> query parameter.</summary>
    public static string Timestamp(DateTimeOffset now) => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
