using System.Text;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// A Walmart Marketplace API request with the headers every call needs (CHANNELS.md 3.6): <c>WM_SEC.ACCESS_TOKEN</c>, a
/// fresh <c>WM_QOS.CORRELATION_ID</c> (also the request id in our errors: Walmart's support asks for it), <c>WM_SVC.NAME</c>,
/// <c>Accept: application/json</c>, and a JSON body when there is one. Every Walmart API client builds its requests
/// here, so a header rule lives in one place. The token exchange (<c>POST /v3/token</c>) takes only
/// <see cref="AddServiceHeaders"/>: it authenticates with the client id and secret instead of a token, and a 401 there
/// must not start a token renewal.
/// </summary>
internal static class WalmartRequest
{
    /// <summary>Walmart echoes it in its answer; our errors name it as the request id.</summary>
    public const string CorrelationHeader = "WM_QOS.CORRELATION_ID";

    private const string ServiceNameHeader = "WM_SVC.NAME";
    private const string ServiceName = "Walmart Marketplace";

    /// <param name="path">Relative to the client's base address, query included.</param>
    /// <param name="accountId">The seller account whose token this is (<see cref="ChannelApiAccount"/>): a refused token is
    /// renewed for it.</param>
    /// <param name="jsonBody">The body, sent as <c>application/json</c>; none when null.</param>
    /// <returns>The request, and how to name it in an error: the correlation id Walmart echoes, else the one sent.</returns>
    public static (HttpRequestMessage Request, Func<HttpResponseMessage, string, string?> RequestIdOf) Create(
        HttpMethod method, string path, string accessToken, string accountId, string? jsonBody = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(ChannelTokenHeaders.Walmart, accessToken);
        var correlationId = AddServiceHeaders(request);
        ChannelApiAccount.Set(request, accountId);
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        return (request, (response, _) => response.Headers.TryGetValues(CorrelationHeader, out var ids) ? ids.FirstOrDefault() ?? correlationId : correlationId);
    }

    /// <summary>
    /// The headers every Walmart call carries, the token exchange's too: a fresh correlation id, the service name and
    /// <c>Accept: application/json</c>.
    /// </summary>
    /// <returns>The correlation id sent.</returns>
    public static string AddServiceHeaders(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var correlationId = Guid.NewGuid().ToString();
        request.Headers.TryAddWithoutValidation(CorrelationHeader, correlationId);
        request.Headers.TryAddWithoutValidation(ServiceNameHeader, ServiceName);
        request.Headers.Accept.ParseAdd("application/json");
        return correlationId;
    }
}
