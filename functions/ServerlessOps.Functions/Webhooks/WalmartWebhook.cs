using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Webhooks;

/// <summary>POST /api/webhooks/walmart: Walmart event notifications, authenticated by the subscription's auth method (header, Basic, HMAC or WM_SEC signature).</summary>
public sealed class WalmartWebhook(WebhookReceiver receiver) : IHttpFunction
{
    public static HttpRoute Route { get; } = WebhookRoute.For<WalmartWebhook>(SalesChannel.Walmart);

    [Function(nameof(WalmartWebhook))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/walmart")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken) =>
        receiver.ReceiveAsync(http.Request, SalesChannel.Walmart, cancellationToken);
}
