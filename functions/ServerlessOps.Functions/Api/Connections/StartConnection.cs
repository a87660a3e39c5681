using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Api.Admin;
using ServerlessOps.Functions.Audit;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Connections;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>
/// POST /api/brands/{brandId}/connections/{channel}: starts connecting a channel account the way the marketplace
/// authorises apps, and answers the authorisation URL to open as the merchant (201). The URL carries a signed,
/// single-use state bound to the brand that expires after <c>ChannelApps:StateLifetime</c>; the marketplace redirects
/// back to <c>/api/connect/{channel}/callback</c>, which completes the connection. Shopify needs <c>shop</c>; Amazon
/// <c>sellingPartnerId</c> (the only seller its callback accepts) and a webhook credential for a new account; Walmart has no redirect (enter its client id and secret, then verify).
/// </summary>
public sealed class StartConnection(ConnectionStateStore states, IBrandRegistry registry, IOptionsMonitor<ChannelAppOptions> apps) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/connections/{channel}";

    public static HttpRoute Route { get; } = HttpRoute.Post<StartConnection>(
        Template, RouteAccess.Admin, "Starts connecting a channel account: the authorisation URL (signed single-use state) to open as the merchant", "Connections") with
    {
        Response = typeof(ConnectionStartView),
        SuccessStatus = StatusCodes.Status201Created,
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict],
    };

    [Function(nameof(StartConnection))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var channelText = http.RouteValue("channel");
        if (!SalesChannelNames.TryParseSlug(channelText, out var channel))
        {
            return AdminRequests.Invalid([new FieldError("channel", $"'{channelText}' is not a channel; expected one of shopify, amazon, walmart, tiktok.")]);
        }

        // Checked before any state is issued: a connection completed for a brand that does not exist would store tokens
        // the registry then refuses to attach to an account.
        if (await registry.GetBrandAsync(brandId, cancellationToken) is null)
        {
            return Problems.Result(Problems.NotFound, $"Brand '{brandId}' is not in the registry; create it with POST /api/brands first.");
        }

        var (body, problem) = await ConnectionCallbacks.ReadBodyAsync(http, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var options = apps.CurrentValue;
        var callback = ConnectionCallbacks.CallbackUri(http, options, channel);
        var template = new ConnectionStateDocument
        {
            Id = string.Empty,
            Pk = string.Empty,
            Nonce = string.Empty,
            BrandId = brandId,
            Channel = channel.Slug(),
            CreatedBy = http.Caller!.Name,
            CreatedAt = default,
            ExpiresAt = default,
            RedirectUri = callback.ToString(),
        };

        switch (channel)
        {
            case SalesChannel.Shopify:
            {
                if (!options.Shopify.IsConfigured)
                {
                    return NotConfigured("ChannelApps:Shopify:ClientId and ClientSecret");
                }

                if (ShopifyShopDomain.Normalize(body.Shop) is not { } shop)
                {
                    return AdminRequests.Invalid([new FieldError("shop", $"'{body.Shop}' is not a shop domain; the shop's *.myshopify.com domain is required.")]);
                }

                var start = await states.CreateAsync(template with { Shop = shop }, cancellationToken);
                await states.RememberShopifyInstallAsync(shop, brandId, http.Caller.Name, start.ExpiresAt, cancellationToken);
                var url = new Uri(options.Shopify.ShopUri(shop), "admin/oauth/authorize?" + ConnectionCallbacks.QueryString(
                    ("client_id", options.Shopify.ClientId), ("scope", options.Shopify.Scopes), ("redirect_uri", callback.ToString()), ("state", start.State)));
                return Created(http, channel, $"shop {shop}", url, start, callback);
            }

            case SalesChannel.Amazon:
            {
                if (!options.Amazon.IsConfigured)
                {
                    return NotConfigured("ChannelApps:Amazon:ClientId, ClientSecret and ApplicationId");
                }

                var errors = new List<FieldError>();

                // Amazon's callback names the seller in its query and LWA's token answer does not, so the seller named here
                // is the only check on it: a start naming none would connect whichever seller the callback names.
                var sellingPartnerId = string.IsNullOrWhiteSpace(body.SellingPartnerId) ? null : body.SellingPartnerId.Trim();
                if (sellingPartnerId is null)
                {
                    errors.Add(new FieldError("sellingPartnerId",
                        "Name the seller who will consent (their selling partner id, Seller Central's merchant token): the callback connects that seller only."));
                }

                var secret = body.WebhookSecret?.ToReference("webhookSecret", errors);
                if (body.WebhookSecret is null && !await HasWebhookSecretAsync(brandId, sellingPartnerId, cancellationToken))
                {
                    errors.Add(new FieldError("webhookSecret",
                        "Amazon webhooks come through an EventBridge connection whose credential the account needs: give webhookSecret (and credentialHeader), " +
                        "or sellingPartnerId of an account of this brand that has one."));
                }

                if (errors.Count > 0)
                {
                    return AdminRequests.Invalid(errors);
                }

                var start = await states.CreateAsync(
                    template with { WebhookSecret = secret, CredentialHeader = body.CredentialHeader, SellingPartnerId = sellingPartnerId },
                    cancellationToken);
                var parameters = new List<(string, string)> { ("application_id", options.Amazon.ApplicationId), ("state", start.State), ("redirect_uri", callback.ToString()) };
                if (options.Amazon.Draft)
                {
                    parameters.Add(("version", "beta"));
                }

                return Created(
                    http, channel, $"selling partner {sellingPartnerId}",
                    new Uri($"{options.Amazon.ConsentUrl}?{ConnectionCallbacks.QueryString(parameters.ToArray())}"), start, callback);
            }

            case SalesChannel.TikTokShop:
            {
                if (!options.TikTokShop.IsConfigured)
                {
                    return NotConfigured("ChannelApps:TikTokShop:AppKey, AppSecret and ServiceId");
                }

                var start = await states.CreateAsync(template with { ShopId = string.IsNullOrWhiteSpace(body.ShopId) ? null : body.ShopId.Trim() }, cancellationToken);

                // TikTok redirects to the URL registered in Partner Center; redirect_uri is sent for the stub marketplace, which has none.
                var url = new Uri($"{options.TikTokShop.AuthorizeUrl}?{ConnectionCallbacks.QueryString(
                    ("service_id", options.TikTokShop.ServiceId), ("state", start.State), ("redirect_uri", callback.ToString()))}");
                return Created(http, channel, start.Document.ShopId is null ? null : $"shop {start.Document.ShopId}", url, start, callback);
            }

            default:
                return Problems.Result(
                    Problems.InvalidParameter,
                    "Walmart has no authorisation redirect: enter the account's client-id and client-secret " +
                    $"(PUT /api/brands/{brandId}/accounts/walmart/{{partnerId}}), then verify them with POST /api/brands/{brandId}/connections/walmart/{{partnerId}}/verify.");
        }
    }

    private async Task<bool> HasWebhookSecretAsync(string brandId, string? sellingPartnerId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sellingPartnerId))
        {
            return false;
        }

        var account = ConnectionCallbacks.OfBrand(await registry.GetAccountAsync(SalesChannel.Amazon, sellingPartnerId.Trim(), cancellationToken), brandId);
        return account?.Value.Secret(SecretKind.WebhookSecret) is not null;
    }

    private static IResult NotConfigured(string settings) =>
        Problems.Result(Problems.ChannelAppNotConfigured, $"{settings} are not set: this deployment has no app on that marketplace to connect with.");

    /// <param name="target">The shop or seller the connection is for, when the request names one.</param>
    private static Microsoft.AspNetCore.Http.HttpResults.Created<ConnectionStartView> Created(
        HttpCall http, SalesChannel channel, string? target, Uri url, ConnectionStart start, Uri callback)
    {
        // Every start issues a state of its own, so only what it is for tells two starts apart: the audit's detail names
        // it, so starts for two shops within a minute are two entries and a client's retry of one start stays one.
        http.Audit = new AuditNote(target is null ? $"{channel.Slug()} connection started" : $"{channel.Slug()} connection started for {target}");
        var brandId = http.RouteValue("brandId");
        return TypedResults.Created($"/api/brands/{brandId}/connections", new ConnectionStartView(brandId, channel.Slug(), url, start.ExpiresAt, callback));
    }
}
