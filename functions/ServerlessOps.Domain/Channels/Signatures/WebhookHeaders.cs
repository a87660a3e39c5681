namespace ServerlessOps.Domain.Channels.Signatures;

/// <summary>
/// Header lookup that is case-insensitive whatever comparer the caller's dictionary was built with
/// (HTTP header names are case-insensitive; stored headers may come back in an ordinal dictionary).
/// </summary>
public static class WebhookHeaders
{
    public static string? Find(IReadOnlyDictionary<string, string> headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public static string? Find(WebhookRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Find(request.Headers, name);
    }

    /// <summary>A header that is present and not blank, trimmed; null otherwise.</summary>
    public static string? FindNonBlank(IReadOnlyDictionary<string, string> headers, string name)
    {
        var value = Find(headers, name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
