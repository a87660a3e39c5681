namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// A Walmart Marketplace API request with the headers every call needs: <c>WM_SEC.ACCESS_TOKEN</c>, a fresh
/// <c>WM_QOS.CORRELATION_ID</c> (also the request id in our errors: Walmart's support asks for it), <c>WM_SVC.NAME</c>
/// and <c>Accept: application/json</c>.
/// </summary>
internal static class WalmartRequest
{
    private const string CorrelationHeader = "WM_QOS.CORRELATION_ID";

    /// <param name="accountId">The seller account whose token this is (<see cref="ChannelApiAccount"/>).</param>
    public static (HttpRequestMessage Request, Func<HttpResponseMessage, string, string?> RequestIdOf) Create(HttpMethod method, string path, string accessToken, string accountId)
    {
        var correlationId = Guid.NewGuid().ToString();
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(ChannelTokenHeaders.Walmart, accessToken);
        request.Headers.TryAddWithoutValidation(CorrelationHeader, correlationId);
        request.Headers.TryAddWithoutValidation("WM_SVC.NAME", "Walmart Marketplace");
        request.Headers.Accept.ParseAdd("application/json");
        ChannelApiAccount.Set(request, accountId);
        return (request, (response, _) => response.Headers.TryGetValues(CorrelationHeader, out var ids) ? ids.FirstOrDefault() ?? correlationId : correlationId);
    }
}
