using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Connections;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>
/// GET /api/connect/tiktok/callback?code&amp;state: TikTok Shop's redirect after the seller authorised the app. The state
/// must be ours, unexpired and unused (400); the code is exchanged (<c>/api/v2/token/get</c>, app key and secret) for access
/// and refresh tokens with their expiries, then Get Authorized Shops names the shop and its cipher: the state's
/// <c>shopId</c>, or the only shop. The tokens are stored and the shop's account created or updated (connected, app key,
/// app secret reference and cipher set). One authorisation connects one shop account here (tokens are per account).
/// </summary>
public sealed class TikTokShopCallback(
    ConnectionStateStore states,
    ChannelTokenClients clients,
    TikTokShopAuthorizedShops shops,
    ChannelConnector connector,
    IChannelTokenStore tokens,
    IOptionsMonitor<ChannelAppOptions> apps,
    ILogger<TikTokShopCallback> logger) : IHttpFunction
{
    private const string Template = "api/connect/tiktok/callback";

    public static HttpRoute Route { get; } = HttpRoute.Get<TikTokShopCallback>(
        Template, RouteAccess.Protocol, "TikTok Shop authorisation callback (single-use state): exchanges the code for tokens, finds the shop and its cipher, connects it", "Connections") with
    {
        Response = typeof(ConnectionView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable],
    };

    [Function(nameof(TikTokShopCallback))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var app = apps.CurrentValue.TikTokShop;
        if (!app.IsConfigured)
        {
            return Problems.Result(Problems.ChannelAppNotConfigured, "ChannelApps:TikTokShop:AppKey, AppSecret and ServiceId are not set: this deployment has no TikTok Shop app.");
        }

        var query = ConnectionCallbacks.Query(http);
        var code = ConnectionCallbacks.Value(query, "code");
        if (code is null)
        {
            return ConnectionCallbacks.Refused(
                http, logger, SalesChannel.TikTokShop, Problems.InvalidParameter, "The callback has no 'code': the seller did not authorise, or this is not TikTok Shop's redirect.");
        }

        if (ConnectionCallbacks.Value(query, "app_key") is { } appKey && !string.Equals(appKey, app.AppKey, StringComparison.Ordinal))
        {
            return ConnectionCallbacks.Refused(http, logger, SalesChannel.TikTokShop, Problems.InvalidParameter, $"The callback names app key '{appKey}', not this deployment's app.");
        }

        var check = await states.ConsumeAsync(SalesChannel.TikTokShop, ConnectionCallbacks.Value(query, "state"), cancellationToken);
        if (check.State is not { } state)
        {
            return ConnectionCallbacks.Refused(http, logger, SalesChannel.TikTokShop, Problems.AuthorizationStateInvalid, check.Refusal!);
        }

        ObtainedToken token;
        TikTokAuthorizedShop shop;
        try
        {
            token = await clients.ExchangeTikTokShopCodeAsync(code, cancellationToken);
            var authorized = await shops.ListAsync(token.AccessToken, cancellationToken);
            var chosen = state.ShopId is { } wanted ? authorized.Where(s => s.Id == wanted).ToList() : [.. authorized];
            if (chosen.Count != 1)
            {
                return Problems.Result(
                    Problems.AuthorizationRefused,
                    state.ShopId is { } id
                        ? $"The seller's authorisation does not cover shop '{id}' (it covers {string.Join(", ", authorized.Select(s => s.Id))}). Nothing was stored."
                        : $"The seller authorised {authorized.Count} shops ({string.Join(", ", authorized.Select(s => s.Id))}); start the connection again naming shopId. Nothing was stored.");
            }

            shop = chosen[0];
        }
        catch (Exception e) when (ConnectionCallbacks.IsChannelFailure(e))
        {
            return ConnectionCallbacks.ChannelFailure(http, logger, SalesChannel.TikTokShop, state.BrandId, e);
        }

        var account = new ChannelAccount(state.BrandId, SalesChannel.TikTokShop, shop.Id);
        return await ConnectionCallbacks.RecordAsync(
            http, connector, tokens, state, account, token,
            current =>
            {
                var connection = ConnectionCallbacks.WithSecretIfMissing(
                    ConnectionCallbacks.Base(current, account),
                    SecretKind.AppSecret,
                    () => connector.AppSecretReference(app.AppSecret, ConnectionCallbacks.TikTokShopAppSecretName));
                var webhook = connection.Webhook ?? WebhookSettings.None;
                return connection with
                {
                    Webhook = string.IsNullOrWhiteSpace(webhook.AppKey) ? webhook with { AppKey = app.AppKey } : webhook,
                    ShopCipher = shop.Cipher,
                };
            },
            cancellationToken);
    }
}
