using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// Walmart's <c>POST /v3/token</c> on <c>Channels:Walmart:BaseUrl</c> (CHANNELS.md 3.6, 6): the account's client id and
/// secret as HTTP Basic, <c>grant_type=client_credentials</c>, for a 15-minute token. There is no refresh token: the same
/// credentials are asked again. A 401 means the seller's credentials no longer work (regenerated or revoked), which only
/// the seller can mend, so it counts as a revoked grant.
/// </summary>
internal sealed class WalmartTokenClient(TokenEndpoint endpoint, IOptionsMonitor<ChannelApiOptions> channels, TimeProvider time)
{
    private const string Operation = "POST /v3/token";

    public async Task<ObtainedToken> ObtainAsync(string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        var baseUrl = channels.CurrentValue.Walmart.BaseUrl;
        var baseUri = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        var answer = await endpoint.SendAsync(
            SalesChannel.Walmart, Operation,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "v3/token"))
                {
                    Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
                WalmartRequest.AddServiceHeaders(request);
                return request;
            },
            cancellationToken,
            WalmartRequest.CorrelationHeader);

        if (!answer.IsSuccess)
        {
            if (answer.Status is HttpStatusCode.Unauthorized || answer.Text("error") is "invalid_client" or "invalid_grant")
            {
                throw new TokenGrantRevokedException(SalesChannel.Walmart, $"{(int)answer.Status}: {answer.ErrorText()}");
            }

            throw endpoint.Refused(SalesChannel.Walmart, Operation, answer, "the request was refused; it will not succeed by retrying.");
        }

        var access = answer.Text("access_token") ?? throw TokenEndpoint.Malformed(SalesChannel.Walmart, Operation, answer, "access_token");
        var expiresIn = answer.Number("expires_in") ?? 900;
        return new ObtainedToken(access, time.GetUtcNow().AddSeconds(expiresIn));
    }
}
