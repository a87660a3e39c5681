using System.Text;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>
/// The order flow's instance id and event names. One order, one id: <c>orderflow:{brandId}:{channel slug}:{escaped
/// external order id}</c>, so starting twice meets the same instance. The external id is channel text: every character
/// but ASCII letters, digits, '-', '_' and '.' is written as <c>~</c> and the hex of its UTF-8 bytes (<c>#1001</c> →
/// <c>~231001</c>), so the id never holds what the engine refuses ('/', '\', '?', '#', control characters), never
/// needs URL encoding, and two external ids never share one id.
/// </summary>
public static class OrderFlowIds
{
    /// <summary>Raised when the order changed in the truth; the flow re-reads it (the payload is only for logs).</summary>
    public const string OrderChangedEvent = "OrderChanged";

    /// <summary>Raised by the retry route: the flow leaves its exception path or pricing hold and runs its steps again.</summary>
    public const string RetryEvent = "FlowRetry";

    public const string Prefix = "orderflow:";

    public static string For(string brandId, SalesChannel channel, string externalOrderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalOrderId);
        return $"{Prefix}{brandId}:{channel.Slug()}:{Escape(externalOrderId)}";
    }

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append('~').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }
}
