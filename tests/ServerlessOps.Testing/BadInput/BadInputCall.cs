using System.Net.Http.Headers;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.BadInput;

/// <summary>
/// One request of the bad-input corpus: where it goes, the exact headers and bytes, and what it is. <see cref="Target"/> groups
/// the figures: a channel slug for webhooks (<c>shopify</c>, …), <c>import:{kind}</c> for import files.
/// </summary>
/// <param name="Description">What is wrong with it, e.g. <c>Retype $.line_items[0].quantity -> "x"</c>.</param>
/// <param name="ContentType">The Content-Type header; null sends none.</param>
public sealed record BadInputCall(string Target, string Description, string Path, IReadOnlyDictionary<string, string> Headers, string? ContentType, byte[] Body)
{
    /// <summary>The channel a webhook is for; null for imports.</summary>
    public SalesChannel? Channel { get; init; }

    /// <summary>The status this case must get (413 oversized, 401 stale or missing signature, 415, 404); null when any 4xx or 2xx will do.</summary>
    public int? ExpectedStatus { get; init; }

    /// <summary>The import kind slug, for imports.</summary>
    public string? ImportKind { get; init; }

    /// <summary>
    /// A header value holds CR, LF, NUL or non-ASCII: HttpClient refuses to send it, so it goes over a raw connection and the
    /// HTTP server itself answers (in process, with no HTTP parser in between, the app sees the value as is).
    /// </summary>
    public bool NeedsRawConnection => Headers.Values.Any(v => v.Any(c => c is '\r' or '\n' or '\0' || c > 127));

    public bool IsWebhook => Channel is not null;

    public HttpRequestMessage ToRequest(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, Path)) { Content = new ByteArrayContent(Body) };
        if (ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        foreach (var (name, value) in Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    public override string ToString() => $"{Target}: {Description}";
}
