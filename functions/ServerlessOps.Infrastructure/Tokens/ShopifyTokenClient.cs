using System.Net;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// Shopify's token endpoint, <c>POST https://{shop}/admin/oauth/access_token</c> (CHANNELS.md 6): the authorisation
/// code exchanged with <c>expiring=1</c> for an expiring offline token (1 h) and its refresh token, and the refresh
/// (<c>grant_type=refresh_token</c>), whose answer carries a replacement refresh token every time. Since 2026-08-28
/// Shopify keeps the previous refresh token valid until the replacement is used, which is what makes a lost answer
/// recoverable (<see cref="ChannelTokenService"/>).
/// </summary>
internal sealed class ShopifyTokenClient(TokenEndpoint endpoint, IOptionsMonitor<ChannelAppOptions> apps, TimeProvider time)
{
    private const string Operation = "POST /admin/oauth/access_token";

    public Task<ObtainedToken> ExchangeCodeAsync(string shop, string code, CancellationToken cancellationToken) =>
        SendAsync(shop, [new("code", code), new("expiring", "1")], cancellationToken);

    public Task<ObtainedToken> RefreshAsync(string shop, string refreshToken, CancellationToken cancellationToken) =>
        SendAsync(shop, [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);

    private async Task<ObtainedToken> SendAsync(string shop, KeyValuePair<string, string>[] grant, CancellationToken cancellationToken)
    {
        var app = apps.CurrentValue.Shopify;
        if (!app.IsConfigured)
        {
            throw new ChannelApiCredentialMissingException("ChannelApps:Shopify:ClientId and ClientSecret are not set: Shopify tokens cannot be obtained.");
        }

        var domain = ShopifyShopDomain.Normalize(shop)
            ?? throw new ChannelApiCredentialMissingException($"'{shop}' is not a *.myshopify.com shop domain; no token is asked for it.");
        var answer = await endpoint.SendAsync(
            SalesChannel.Shopify, Operation,
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(app.ShopUri(domain), "admin/oauth/access_token"))
            {
                Content = new FormUrlEncodedContent([new("client_id", app.ClientId), new("client_secret", app.ClientSecret), .. grant]),
                Headers = { Accept = { new("application/json") } },
            },
            cancellationToken,
            "X-Request-Id");

        if (!answer.IsSuccess)
        {
            var error = answer.Text("error");
            if (error == "invalid_grant")
            {
                throw new TokenGrantRevokedException(SalesChannel.Shopify, answer.ErrorText());
            }

            throw endpoint.Refused(SalesChannel.Shopify, Operation, answer,
                error == "invalid_client" || answer.Status == HttpStatusCode.Unauthorized
                    ? "Shopify refused the app's client id or secret (ChannelApps:Shopify:ClientId, ClientSecret)."
                    : "the request was refused; it will not succeed by retrying.");
        }

        var now = time.GetUtcNow();
        var access = answer.Text("access_token") ?? throw TokenEndpoint.Malformed(SalesChannel.Shopify, Operation, answer, "access_token");
        var expiresIn = answer.Number("expires_in")
            ?? throw TokenEndpoint.Malformed(SalesChannel.Shopify, Operation, answer, "expires_in (a non-expiring token: the exchange must ask for expiring=1)");
        var refresh = answer.Text("refresh_token") ?? throw TokenEndpoint.Malformed(SalesChannel.Shopify, Operation, answer, "refresh_token");
        var refreshExpiresIn = answer.Number("refresh_token_expires_in");
        return new ObtainedToken(access, now.AddSeconds(expiresIn), refresh, refreshExpiresIn is { } r ? now.AddSeconds(r) : null, answer.Text("scope"));
    }
}
