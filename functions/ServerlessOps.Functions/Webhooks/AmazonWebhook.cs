using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Webhooks;

/// <summary>POST /api/webhooks/amazon: SP-API notifications through an EventBridge API destination, authenticated by the connection's credential header.</summary>
public sealed class AmazonWebhook(WebhookReceiver receiver) : IHttpFunction
{
    public static HttpRoute Route { get; } = WebhookRoute.For<AmazonWebhook>(SalesChannel.Amazon);

    [Function(nameof(AmazonWebhook))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/amazon")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken) =>
        receiver.ReceiveAsync(http.Request, SalesChannel.Amazon, cancellationToken);
}
