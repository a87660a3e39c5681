using System.Net;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tests.Channels;

/// <summary>
/// A Walmart that refuses every request with 400, echoing its <c>WM_QOS.CORRELATION_ID</c> as Walmart does, and keeps what
/// each request carried: its headers, its body's media type and the account it was made for.
/// </summary>
internal sealed class RecordingWalmartHandler : HttpMessageHandler
{
    private readonly List<RecordedWalmartRequest> _requests = [];

    public IReadOnlyList<RecordedWalmartRequest> Requests => _requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        _requests.Add(new RecordedWalmartRequest(
            request.Method, headers, request.Content?.Headers.ContentType?.MediaType, ChannelApiAccount.Of(request)));
        var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""{"errors":{"error":[{"code":"INVALID_REQUEST.GMP_GATEWAY_API"}]}}"""),
            RequestMessage = request,
        };
        if (headers.TryGetValue("WM_QOS.CORRELATION_ID", out var correlationId))
        {
            response.Headers.TryAddWithoutValidation("WM_QOS.CORRELATION_ID", correlationId);
        }

        return Task.FromResult(response);
    }
}

/// <summary>One request as <see cref="RecordingWalmartHandler"/> saw it.</summary>
internal sealed record RecordedWalmartRequest(HttpMethod Method, IReadOnlyDictionary<string, string> Headers, string? BodyMediaType, string? AccountId);
