using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Connections;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>
/// GET /api/connect/shopify/callback?code&amp;hmac&amp;shop&amp;state&amp;timestamp: Shopify's redirect after the merchant
/// approved. Checked in order: <c>shop</c> a <c>*.myshopify.com</c> domain (400), Shopify's HMAC under the app's client
/// secret, constant time, and the timestamp window (401), the state (ours, unexpired, unused, for this shop: 400). Then
/// the code is exchanged at <c>https://{shop}/admin/oauth/access_token</c> with <c>expiring=1</c> for a one-hour offline
/// token and its refresh token, both stored, and the account is created or updated in the registry (connected, audited
/// as the admin who started it). Answers the connection (200), never a token.
/// </summary>
public sealed class ShopifyCallback(
    ConnectionStateStore states,
    ChannelTokenClients clients,
    ChannelConnector connector,
    IChannelTokenStore tokens,
    IOptionsMonitor<ChannelAppOptions> apps,
    TimeProvider time,
    ILogger<ShopifyCallback> logger) : IHttpFunction
{
    private const string Template = "api/connect/shopify/callback";

    public static HttpRoute Route { get; } = HttpRoute.Get<ShopifyCallback>(
        Template, RouteAccess.Protocol, "Shopify OAuth callback (HMAC and single-use state): exchanges the code for expiring offline tokens and connects the shop", "Connections") with
    {
        Response = typeof(ConnectionView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable],
    };

    [Function(nameof(ShopifyCallback))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var options = apps.CurrentValue;
        if (!options.Shopify.IsConfigured)
        {
            return Problems.Result(Problems.ChannelAppNotConfigured, "ChannelApps:Shopify:ClientId and ClientSecret are not set: this deployment has no Shopify app.");
        }

        var query = ConnectionCallbacks.Query(http);
        if (ShopifyRequest.Check(query, options.Shopify, time.GetUtcNow()) is { } refusal)
        {
            return ConnectionCallbacks.Refused(http, logger, SalesChannel.Shopify, refusal.Type, refusal.Detail);
        }

        var shop = ShopifyShopDomain.Normalize(ConnectionCallbacks.Value(query, "shop"))!;
        var code = ConnectionCallbacks.Value(query, "code");
        if (code is null)
        {
            return ConnectionCallbacks.Refused(http, logger, SalesChannel.Shopify, Problems.InvalidParameter, "The callback has no 'code': the merchant did not approve, or this is not Shopify's redirect.");
        }

        var check = await states.ConsumeAsync(SalesChannel.Shopify, ConnectionCallbacks.Value(query, "state"), cancellationToken);
        if (check.State is not { } state)
        {
            return ConnectionCallbacks.Refused(http, logger, SalesChannel.Shopify, Problems.AuthorizationStateInvalid, check.Refusal!);
        }

        if (state.Shop is { } expected && !string.Equals(expected, shop, StringComparison.Ordinal))
        {
            return ConnectionCallbacks.Refused(
                http, logger, SalesChannel.Shopify, Problems.AuthorizationStateInvalid, $"The state was issued for shop '{expected}', not '{shop}'.");
        }

        ObtainedToken token;
        try
        {
            token = await clients.ExchangeShopifyCodeAsync(shop, code, cancellationToken);
        }
        catch (Exception e) when (ConnectionCallbacks.IsChannelFailure(e))
        {
            return ConnectionCallbacks.ChannelFailure(http, logger, SalesChannel.Shopify, state.BrandId, e);
        }

        var account = new ChannelAccount(state.BrandId, SalesChannel.Shopify, shop);
        return await ConnectionCallbacks.RecordAsync(
            http, connector, tokens, state, account, token,
            current => ConnectionCallbacks.WithSecretIfMissing(
                ConnectionCallbacks.Base(current, account),
                SecretKind.AppSecret,
                () => connector.AppSecretReference(options.Shopify.ClientSecret, ConnectionCallbacks.ShopifyClientSecretName)),
            cancellationToken);
    }
}
