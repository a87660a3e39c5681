using System.Net;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// TikTok Shop's token API (<c>ChannelApps:TikTokShop:AuthBaseUrl</c>, CHANNELS.md 6): <c>GET /api/v2/token/get</c>
/// with the authorisation's <c>code</c> (<c>grant_type=authorized_code</c>) and <c>GET /api/v2/token/refresh</c>
/// (<c>grant_type=refresh_token</c>), app key and secret in the query (so this client is never logged or traced). It
/// answers HTTP 200 with a numeric <c>code</c>; <c>data</c> holds both tokens, their expiries as Unix times, and each
/// refresh may bring a new refresh token: the newest is kept. Which codes mean a dead refresh token is not in the
/// sources read (CHANNELS.md 6): <see cref="RevokedGrantCodes"/> are treated so; any other non-zero code is a refusal.
/// </summary>
internal sealed class TikTokShopTokenClient(TokenEndpoint endpoint, IOptionsMonitor<ChannelAppOptions> apps, TimeProvider time)
{
    /// <summary>Codes answered for an invalid or expired refresh token or authorisation code (unconfirmed; the stub marketplace uses them).</summary>
    public static readonly IReadOnlySet<long> RevokedGrantCodes = new HashSet<long> { 36004004, 36004005 };

    private const string GetOperation = "GET /api/v2/token/get";
    private const string RefreshOperation = "GET /api/v2/token/refresh";

    public Task<ObtainedToken> ExchangeCodeAsync(string code, CancellationToken cancellationToken) =>
        SendAsync("api/v2/token/get", GetOperation, [new("auth_code", code), new("grant_type", "authorized_code")], cancellationToken);

    public Task<ObtainedToken> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        SendAsync("api/v2/token/refresh", RefreshOperation, [new("refresh_token", refreshToken), new("grant_type", "refresh_token")], cancellationToken);

    private async Task<ObtainedToken> SendAsync(string path, string operation, KeyValuePair<string, string>[] grant, CancellationToken cancellationToken)
    {
        var app = apps.CurrentValue.TikTokShop;
        if (!app.IsConfigured)
        {
            throw new ChannelApiCredentialMissingException("ChannelApps:TikTokShop:AppKey, AppSecret and ServiceId are not set: TikTok Shop tokens cannot be obtained.");
        }

        KeyValuePair<string, string>[] parameters = [new("app_key", app.AppKey), new("app_secret", app.AppSecret), .. grant];
        var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var baseUri = new Uri(app.AuthBaseUrl.TrimEnd('/') + "/", UriKind.Absolute);
        var answer = await endpoint.SendAsync(
            SalesChannel.TikTokShop, operation,
            () => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"{path}?{query}")) { Headers = { Accept = { new("application/json") } } },
            cancellationToken);

        var code = answer.Number("code");
        if (!answer.IsSuccess || code is not 0)
        {
            if (code is { } c && RevokedGrantCodes.Contains(c))
            {
                throw new TokenGrantRevokedException(SalesChannel.TikTokShop, $"code {c}: {answer.ErrorText()}");
            }

            throw endpoint.Refused(SalesChannel.TikTokShop, operation, answer,
                answer.Status == HttpStatusCode.Unauthorized
                    ? "TikTok Shop refused the app key or secret (ChannelApps:TikTokShop:AppKey, AppSecret)."
                    : $"TikTok Shop answered code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}; it will not succeed by retrying.");
        }

        var data = answer.Json is { } json && json.TryGetProperty("data", out var d) ? new TokenEndpointAnswer(answer.Status, d, answer.RequestId) : null;
        var now = time.GetUtcNow();
        var access = data?.Text("access_token") ?? throw TokenEndpoint.Malformed(SalesChannel.TikTokShop, operation, answer, "data.access_token");
        var expires = data.Number("access_token_expire_in") ?? throw TokenEndpoint.Malformed(SalesChannel.TikTokShop, operation, answer, "data.access_token_expire_in");
        var refresh = data.Text("refresh_token");
        var refreshExpires = data.Number("refresh_token_expire_in");
        return new ObtainedToken(access, TokenEndpoint.ExpiryFrom(expires, now), refresh, refreshExpires is { } r ? TokenEndpoint.ExpiryFrom(r, now) : null);
    }
}
