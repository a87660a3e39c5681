using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api;

/// <summary>GET /api/brands/{brandId}/channel-events?day=&amp;channel=: what arrived on a day, and what it did.</summary>
public sealed class ListChannelEvents(IChannelEventLog events) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<ListChannelEvents>(
        "api/brands/{brandId}/channel-events", RouteAccess.Operations,
        "A brand's channel events received on one UTC day (?day=yyyy-MM-dd&channel=shopify|amazon|walmart|tiktok)", "Channel events") with
    {
        Response = typeof(IReadOnlyList<ChannelEvent>),
        ProblemStatuses = [StatusCodes.Status400BadRequest],
        Query =
        [
            new QueryParameter("day", "UTC date, yyyy-MM-dd", Required: true),
            new QueryParameter("channel", "shopify, amazon, walmart or tiktok; all when absent"),
        ],
    };

    [Function(nameof(ListChannelEvents))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/channel-events")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!ApiParameters.TryParseDay(http.QueryValue("day"), out var day, out var problem)
            || !ApiParameters.TryParseChannel(http.QueryValue("channel"), out var channel, out problem))
        {
            return problem!;
        }

        return TypedResults.Ok(await events.ListAsync(http.RouteValue("brandId"), day, channel, cancellationToken));
    }
}
