using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Connections;
using ServerlessOps.Infrastructure.Registry;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>
/// GET /api/connect/shopify: the app URL Shopify opens when a merchant installs or launches the app, with <c>shop</c>,
/// <c>timestamp</c> and <c>hmac</c> (<see cref="ShopifyQuerySignature"/>, under the app's client secret, compared in
/// constant time; the timestamp within <c>ChannelApps:Shopify:TimestampWindow</c>). The shop must be registered to a
/// brand or have a connection an admin started: then a new state bound to that brand is issued and the merchant is
/// redirected (302) to the shop's authorise page, asking for offline access (no per-user grant). Anything else is
/// refused, so no shop can attach itself to a brand.
/// </summary>
public sealed class ShopifyInstall(
    ConnectionStateStore states, BrandDirectoryCache registry, IOptionsMonitor<ChannelAppOptions> apps, TimeProvider time, ILogger<ShopifyInstall> logger) : IHttpFunction
{
    private const string Template = "api/connect/shopify";

    public static HttpRoute Route { get; } = HttpRoute.Get<ShopifyInstall>(
        Template, RouteAccess.Protocol, "Shopify app URL (install/launch, HMAC-signed by Shopify): redirects to the shop's authorise page", "Connections") with
    {
        SuccessStatus = StatusCodes.Status302Found,
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict],
    };

    [Function(nameof(ShopifyInstall))]
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
        string brandId;
        string actor;
        if (registry.Snapshot.TryGetAccount(SalesChannel.Shopify, shop, out var registered))
        {
            brandId = registered.Connection.Account.BrandId;
            actor = "shopify install";
        }
        else if (await states.FindShopifyInstallAsync(shop, cancellationToken) is { } started)
        {
            brandId = started.BrandId;
            actor = started.CreatedBy;
        }
        else
        {
            return ConnectionCallbacks.Refused(
                http, logger, SalesChannel.Shopify, Problems.UnknownAccount,
                $"Shop '{shop}' is not registered to a brand and no connection was started for it: an admin starts one with POST /api/brands/{{brandId}}/connections/shopify.");
        }

        var callback = ConnectionCallbacks.CallbackUri(http, options, SalesChannel.Shopify);
        var start = await states.CreateAsync(
            new ConnectionStateDocument
            {
                Id = string.Empty,
                Pk = string.Empty,
                Nonce = string.Empty,
                BrandId = brandId,
                Channel = SalesChannel.Shopify.Slug(),
                CreatedBy = actor,
                CreatedAt = default,
                ExpiresAt = default,
                RedirectUri = callback.ToString(),
                Shop = shop,
            },
            cancellationToken);
        logger.ShopifyInstallRedirected(shop, brandId);
        return TypedResults.Redirect(new Uri(options.Shopify.ShopUri(shop), "admin/oauth/authorize?" + ConnectionCallbacks.QueryString(
            ("client_id", options.Shopify.ClientId), ("scope", options.Shopify.Scopes), ("redirect_uri", callback.ToString()), ("state", start.State))).ToString());
    }
}
