using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// The deterministic id of an alert: every instance raising the same brand, kind and subject computes the same id,
/// so "create if absent" under that id is the de-duplication (two racing raisers: one creates, the other finds it).
/// A hash rather than the key itself because subject ids are channel-controlled text (slashes, '#', any length)
/// and the id travels in URLs and Cosmos request paths.
/// </summary>
public static class AlertIds
{
    /// <summary>The prefix of every alert id.</summary>
    public const string Prefix = "al-";

    private static readonly SearchValues<char> _hexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary><c>al-</c> and 24 lower-case hex digits: the first 96 bits of SHA-256 over the dedupe key.</summary>
    public static string For(string brandId, AlertKind kind, AlertSubject subject)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(DedupeKey(brandId, kind, subject)), hash);
        return Prefix + Convert.ToHexStringLower(hash[..12]);
    }

    /// <summary>
    /// <c>{brand}|{kind slug}|{subject type}|{subject id}</c>: readable, stored beside the id. The separator cannot
    /// occur in a brand id, slug or subject type, so two different triples never make the same key.
    /// </summary>
    public static string DedupeKey(string brandId, AlertKind kind, AlertSubject subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentNullException.ThrowIfNull(subject);
        return $"{brandId}|{kind.Slug()}|{subject.Type}|{subject.Id}";
    }

    /// <summary>Whether <paramref name="id"/> has the shape of an alert id (an API route value is checked before a read).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 27 } && id.StartsWith(Prefix, StringComparison.Ordinal) && !id.AsSpan(Prefix.Length).ContainsAnyExcept(_hexDigits);
}
