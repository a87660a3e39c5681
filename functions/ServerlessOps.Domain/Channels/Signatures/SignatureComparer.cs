using System.Security.Cryptography;
using System.Text;

namespace ServerlessOps.Domain.Channels.Signatures;

/// <summary>
/// Constant-time comparisons for credentials and signatures. Timing must not tell an attacker how many leading
/// bytes of a guess were right, so nothing here returns early on the first differing byte.
/// </summary>
public static class SignatureComparer
{
    /// <summary>
    /// Compares two texts (shared keys, <c>user:pass</c>) in constant time. Both sides are hashed with SHA-256 first,
    /// so the comparison is of equal-length values and does not reveal the secret's length either.
    /// False when either side is null or empty: an empty credential never authenticates.
    /// </summary>
    public static bool FixedTimeEqualsAscii(string? presented, string? expected)
    {
        if (string.IsNullOrEmpty(presented) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        return FixedTimeEqualsHashed(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
    }

    /// <summary>Compares two byte strings of any lengths in constant time (via their SHA-256 digests).</summary>
    public static bool FixedTimeEqualsHashed(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> expected)
    {
        if (presented.IsEmpty || expected.IsEmpty)
        {
            return false;
        }

        Span<byte> left = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> right = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(presented, left);
        SHA256.HashData(expected, right);
        return CryptographicOperations.FixedTimeEquals(left, right);
    }

    /// <summary>True when <paramref name="presented"/> equals any of <paramref name="secrets"/>; every secret is compared.</summary>
    public static bool MatchesAnySecret(string? presented, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var matched = false;
        foreach (var secret in secrets)
        {
            // No short-circuit: which of the secrets matched must not show in the timing either.
            matched |= FixedTimeEqualsAscii(presented, secret);
        }

        return matched;
    }

    /// <summary>
    /// Compares a signature the caller sent, decoded from base64, with the one computed; false when the header is
    /// missing or not base64. Equal-length digests are compared with <see cref="CryptographicOperations.FixedTimeEquals"/>.
    /// </summary>
    public static bool Base64DigestEquals(string? presented, ReadOnlySpan<byte> computed)
    {
        if (!SignatureEncoding.TryDecodeBase64(presented, out var decoded))
        {
            return false;
        }

        return decoded.Length == computed.Length && CryptographicOperations.FixedTimeEquals(decoded, computed);
    }

    /// <summary>As <see cref="Base64DigestEquals"/> for a hex-encoded signature (either letter case).</summary>
    public static bool HexDigestEquals(string? presented, ReadOnlySpan<byte> computed)
    {
        if (!SignatureEncoding.TryDecodeHex(presented, out var decoded))
        {
            return false;
        }

        return decoded.Length == computed.Length && CryptographicOperations.FixedTimeEquals(decoded, computed);
    }
}
