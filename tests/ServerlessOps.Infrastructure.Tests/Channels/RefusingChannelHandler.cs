using System.Net;

namespace ServerlessOps.Infrastructure.Tests.Channels;

/// <summary>A channel that answers every request 401, recording the value of <paramref name="tokenHeader"/> each one carried.</summary>
internal sealed class RefusingChannelHandler(string tokenHeader) : HttpMessageHandler
{
    private readonly List<string?> _tokensSent = [];

    public IReadOnlyList<string?> TokensSent => _tokensSent;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _tokensSent.Add(request.Headers.TryGetValues(tokenHeader, out var values) ? values.FirstOrDefault() : null);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized)
        {
            Content = new StringContent("""{"errors":"Invalid access token"}"""),
            RequestMessage = request,
        });
    }
}
