using System.Text;

namespace ServerlessOps.Domain.Channels.Signatures;

/// <summary>
/// HTTP Basic credentials (<c>Basic base64(user:pass)</c>) checked against secrets stored as <c>user:pass</c>.
/// </summary>
public static class BasicCredential
{
    private const string Scheme = "Basic";

    /// <summary>
    /// True when the header decodes to one of the secrets. With <paramref name="prefixOptional"/> the bare base64
    /// value is accepted too (Walmart does not say whether it adds the <c>Basic </c> prefix).
    /// </summary>
    public static bool Matches(string? headerValue, IReadOnlyList<string> secrets, bool prefixOptional)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            return false;
        }

        var value = headerValue.Trim();
        string encoded;
        if (value.Length > Scheme.Length && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && value[Scheme.Length] == ' ')
        {
            encoded = value[(Scheme.Length + 1)..];
        }
        else if (prefixOptional)
        {
            encoded = value;
        }
        else
        {
            return false;
        }

        if (!SignatureEncoding.TryDecodeBase64(encoded, out var decoded))
        {
            return false;
        }

        var matched = false;
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                matched |= SignatureComparer.FixedTimeEqualsHashed(decoded, Encoding.UTF8.GetBytes(secret));
            }
        }

        return matched;
    }
}
