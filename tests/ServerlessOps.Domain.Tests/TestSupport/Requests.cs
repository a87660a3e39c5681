using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Tests.TestSupport;

internal static class Requests
{
    public static WebhookRequest Post(byte[] body, string pathAndQuery = "/api/webhooks/test", params (string Name, string Value)[] headers)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            map[name] = value;
        }

        return new WebhookRequest("POST", pathAndQuery, map, body);
    }

    /// <summary>Headers in an ordinal (case-sensitive) dictionary, as a store might hand them back.</summary>
    public static IReadOnlyDictionary<string, string> OrdinalHeaders(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();
}
