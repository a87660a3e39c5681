using System.Security.Cryptography;
using System.Text;

namespace ServerlessOps.Domain.Channels.Signatures;

/// <summary>HMAC-SHA256 over raw bytes, keyed by a UTF-8 secret (every channel's key is a text secret).</summary>
public static class HmacSha256
{
    public static byte[] Compute(string secret, ReadOnlySpan<byte> message)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    /// <summary>HMAC of <paramref name="prefix"/> immediately followed by <paramref name="message"/> (TikTok Shop signs app key + body).</summary>
    public static byte[] Compute(string secret, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> message)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(message);
        return hmac.GetHashAndReset();
    }
}
