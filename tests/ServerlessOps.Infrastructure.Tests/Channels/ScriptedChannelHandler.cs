using System.Net;
using System.Text;

namespace ServerlessOps.Infrastructure.Tests.Channels;

/// <summary>
/// A channel that answers each request with the next scripted answer (the last one again once they run out), recording the
/// value of <paramref name="tokenHeader"/> each request carried.
/// </summary>
internal sealed class ScriptedChannelHandler(string tokenHeader, params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
{
    private readonly List<string?> _tokensSent = [];

    public IReadOnlyList<string?> TokensSent => _tokensSent;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _tokensSent.Add(request.Headers.TryGetValues(tokenHeader, out var values) ? values.FirstOrDefault() : null);
        var (status, body) = answers[Math.Min(_tokensSent.Count, answers.Length) - 1];
        return Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        });
    }
}
