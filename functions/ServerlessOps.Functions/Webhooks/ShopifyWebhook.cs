using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Webhooks;

/// <summary>POST /api/webhooks/shopify: Shopify's webhook deliveries, signed with HMAC-SHA256 of the body (X-Shopify-Hmac-Sha256).</summary>
public sealed class ShopifyWebhook(WebhookReceiver receiver) : IHttpFunction
{
    public static HttpRoute Route { get; } = WebhookRoute.For<ShopifyWebhook>(SalesChannel.Shopify);

    [Function(nameof(ShopifyWebhook))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/shopify")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken) =>
        receiver.ReceiveAsync(http.Request, SalesChannel.Shopify, cancellationToken);
}
