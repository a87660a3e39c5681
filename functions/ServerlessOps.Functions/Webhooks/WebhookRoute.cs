using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Webhooks;

/// <summary>The route every channel's webhook function shares the shape of: POST /api/webhooks/{channel slug}.</summary>
internal static class WebhookRoute
{
    public static HttpRoute For<TFunction>(SalesChannel channel)
        where TFunction : IHttpFunction =>
        HttpRoute.Post<TFunction>($"api/webhooks/{channel.Slug()}", RouteAccess.Channel, $"Receives a {channel} webhook delivery", "Webhooks") with
        {
            Response = typeof(WebhookAcknowledgement),
            ProblemStatuses =
            [
                StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable,
            ],
        };
}
