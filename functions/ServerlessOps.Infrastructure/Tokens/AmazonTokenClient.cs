using System.Net;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// Login with Amazon's token endpoint (<c>ChannelApps:Amazon:TokenUrl</c>, CHANNELS.md 6): the website authorisation's
/// <c>spapi_oauth_code</c> exchanged (<c>grant_type=authorization_code</c>) for the seller's refresh token, and the
/// refresh (<c>grant_type=refresh_token</c>) for a one-hour access token. LWA keeps the refresh token on use; should an
/// answer carry another, it is stored like a rotation. <c>invalid_grant</c> means the seller revoked the app.
/// </summary>
internal sealed class AmazonTokenClient(TokenEndpoint endpoint, IOptionsMonitor<ChannelAppOptions> apps, TimeProvider time)
{
    private const string Operation = "POST /auth/o2/token";

    public Task<ObtainedToken> ExchangeCodeAsync(string code, Uri redirectUri, CancellationToken cancellationToken) =>
        SendAsync([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri.ToString())], cancellationToken);

    public Task<ObtainedToken> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        SendAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);

    private async Task<ObtainedToken> SendAsync(KeyValuePair<string, string>[] grant, CancellationToken cancellationToken)
    {
        var app = apps.CurrentValue.Amazon;
        if (!app.IsConfigured)
        {
            throw new ChannelApiCredentialMissingException("ChannelApps:Amazon:ClientId, ClientSecret and ApplicationId are not set: Login with Amazon tokens cannot be obtained.");
        }

        var answer = await endpoint.SendAsync(
            SalesChannel.Amazon, Operation,
            () => new HttpRequestMessage(HttpMethod.Post, app.TokenUrl)
            {
                Content = new FormUrlEncodedContent([.. grant, new("client_id", app.ClientId), new("client_secret", app.ClientSecret)]),
                Headers = { Accept = { new("application/json") } },
            },
            cancellationToken);

        if (!answer.IsSuccess)
        {
            var error = answer.Text("error");
            if (error == "invalid_grant")
            {
                throw new TokenGrantRevokedException(SalesChannel.Amazon, answer.ErrorText());
            }

            throw endpoint.Refused(SalesChannel.Amazon, Operation, answer,
                error == "invalid_client" || answer.Status == HttpStatusCode.Unauthorized
                    ? "Login with Amazon refused the app's client id or secret (ChannelApps:Amazon:ClientId, ClientSecret)."
                    : "the request was refused; it will not succeed by retrying.");
        }

        var now = time.GetUtcNow();
        var access = answer.Text("access_token") ?? throw TokenEndpoint.Malformed(SalesChannel.Amazon, Operation, answer, "access_token");
        var expiresIn = answer.Number("expires_in") ?? 3600;
        return new ObtainedToken(access, now.AddSeconds(expiresIn), answer.Text("refresh_token"));
    }
}
