namespace ServerlessOps.Domain.Channels;

/// <summary>
/// A webhook call exactly as received: the raw body bytes (every channel's signature covers those bytes,
/// so nothing may parse or re-encode them first) and the headers, looked up case-insensitively.
/// </summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="PathAndQuery">Path and query string exactly as received (Walmart signs it).</param>
/// <param name="Headers">Header values; names compared case-insensitively.</param>
/// <param name="Body">Raw body bytes.</param>
public sealed record WebhookRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>
    /// When the edge received the call (its clock): what a credential with an expiry (Walmart's OAuth bearer) is checked
    /// against. Null where nothing is authenticated (processing a stored delivery); such a credential then fails.
    /// </summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Query parameter from <see cref="PathAndQuery"/>, unescaped; null when absent.</summary>
    public string? QueryParameter(string name)
    {
        var question = PathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return null;
        }

        foreach (var pair in PathAndQuery[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }
}
