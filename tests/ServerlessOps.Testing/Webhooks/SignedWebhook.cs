using System.Net.Http.Headers;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.Webhooks;

/// <summary>
/// One webhook call as the channel would make it: the route (with query, Walmart signs it), the headers
/// including the channel's signature or credential, and the exact body bytes the signature covers.
/// </summary>
/// <param name="Path">Path and query under the app, e.g. <c>/api/webhooks/shopify</c>.</param>
/// <param name="Headers">Every header except Content-Type (which is <paramref name="ContentType"/>).</param>
/// <param name="Body">Raw body bytes; never re-encode them, the signature covers these bytes.</param>
public sealed record SignedWebhook(
    SalesChannel Channel,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    string ContentType)
{
    /// <summary>The channel's de-dup key carried by this call (a re-sent duplicate carries the same one).</summary>
    public string DeliveryId { get; init; } = string.Empty;

    /// <summary>A POST to <paramref name="baseAddress"/> + <see cref="Path"/> with these exact bytes and headers.</summary>
    public HttpRequestMessage ToRequest(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, Path))
        {
            Content = new ByteArrayContent(Body.ToArray()),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        foreach (var (name, value) in Headers)
        {
            // Without validation: TikTok's Authorization is a bare hex value, not "scheme credentials".
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>The same call as the domain's <see cref="WebhookRequest"/>, for driving a channel adapter without HTTP.</summary>
    public WebhookRequest ToWebhookRequest()
    {
        var headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = ContentType,
        };
        return new WebhookRequest("POST", Path, headers, Body);
    }
}
