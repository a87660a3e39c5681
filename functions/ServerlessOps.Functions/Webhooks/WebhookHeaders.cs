using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Functions.Webhooks;

/// <summary>Which request headers a raw delivery keeps.</summary>
internal static class WebhookHeaders
{
    private static readonly HashSet<string> Transport = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Host", "Content-Length", "Accept-Encoding", "Range", "Cookie", "Max-Forwards",
        "X-ARR-LOG-ID", "X-ARR-SSL", "DISGUISED-HOST", "X-SITE-DEPLOYMENT-ID", "WAS-DEFAULT-HOSTNAME",
        "X-Original-URL", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-TlsVersion", "X-AppService-Proto",
        "X-WAWS-Unencoded-URL", "CLIENT-IP", "traceparent", "tracestate",
    };

    public static Dictionary<string, string> All(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Headers worth keeping with the raw body: everything the channel sent except transport noise and the
    /// shared-secret credential headers of Amazon and Walmart (those are secrets; signatures are not).
    /// </summary>
    public static Dictionary<string, string> ForStorage(IReadOnlyDictionary<string, string> headers, SalesChannel channel, ChannelCredentials credentials)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            if (Transport.Contains(name) || IsCredential(name, channel, credentials))
            {
                continue;
            }

            kept[name] = value;
        }

        return kept;
    }

    private static bool IsCredential(string name, SalesChannel channel, ChannelCredentials credentials) =>
        channel is SalesChannel.Amazon or SalesChannel.Walmart
        && (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
            || name.Equals(credentials.CredentialHeader ?? "x-serverlessops-key", StringComparison.OrdinalIgnoreCase));
}
