using System.Text;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// A Walmart Marketplace API request with the headers every call needs (CHANNELS.md 3.6): <c>WM_SEC.ACCESS_TOKEN</c>, a
/// fresh <c>WM_QOS.CORRELATION_ID</c> (also the request id in our errors: Walmart's support asks for it), <c>WM_SVC.NAME</c>,
/// <c>Accept: application/json</c>, and a JSON body when there is one. Every Walmart API client builds its requests
/// here, so a header rule lives in one place; only the token exchange (<c>POST /v3/token</c>) does not, as it
/// authenticates with the client id and secret instead of a token.
/// </summary>
internal static class WalmartRequest
{
    private const string CorrelationHeader = "WM_QOS.CORRELATION_ID";

    /// <param name="path">Relative to the client's base address, query included.</param>
    /// <param name="accountId">The seller account whose token this is (<see cref="ChannelApiAccount"/>): a refused token is
    /// renewed for it.</param>
    /// <param name="jsonBody">The body, sent as <c>application/json</c>; none when null.</param>
    /// <returns>The request, and how to name it in an error: the correlation id Walmart echoes, else the one sent.</returns>
    public static (HttpRequestMessage Request, Func<HttpResponseMessage, string, string?> RequestIdOf) Create(
        HttpMethod method, string path, string accessToken, string accountId, string? jsonBody = null)
    {
        var correlationId = Guid.NewGuid().ToString();
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(ChannelTokenHeaders.Walmart, accessToken);
        request.Headers.TryAddWithoutValidation(CorrelationHeader, correlationId);
        request.Headers.TryAddWithoutValidation("WM_SVC.NAME", "Walmart Marketplace");
        request.Headers.Accept.ParseAdd("application/json");
        ChannelApiAccount.Set(request, accountId);
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        return (request, (response, _) => response.Headers.TryGetValues(CorrelationHeader, out var ids) ? ids.FirstOrDefault() ?? correlationId : correlationId);
    }
}
