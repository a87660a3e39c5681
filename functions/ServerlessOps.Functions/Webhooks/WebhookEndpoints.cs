using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Functions.Webhooks;

/// <summary>The four marketplace webhook routes. In Azure each is one HTTP function forwarded to this app.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/webhooks").WithTags("Webhooks");
        foreach (var channel in Enum.GetValues<SalesChannel>())
        {
            group.MapPost($"/{channel.Slug()}", (HttpRequest request, WebhookReceiver receiver, CancellationToken cancellationToken) =>
                    receiver.ReceiveAsync(request, channel, cancellationToken))
                .WithName($"{channel}Webhook")
                .WithSummary($"Receives a {channel} webhook delivery")
                .Produces<WebhookAcknowledgement>()
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        }

        return endpoints;
    }
}
