using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Webhooks;

/// <summary>POST /api/webhooks/tiktok: TikTok Shop push messages, signed with HMAC-SHA256 of app key and body (Authorization).</summary>
public sealed class TikTokShopWebhook(WebhookReceiver receiver) : IHttpFunction
{
    public static HttpRoute Route { get; } = WebhookRoute.For<TikTokShopWebhook>(SalesChannel.TikTokShop);

    [Function(nameof(TikTokShopWebhook))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/tiktok")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken) =>
        receiver.ReceiveAsync(http.Request, SalesChannel.TikTokShop, cancellationToken);
}
