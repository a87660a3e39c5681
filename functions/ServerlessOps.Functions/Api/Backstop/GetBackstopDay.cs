using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Backstop;

namespace ServerlessOps.Functions.Api.Backstop;

/// <summary>
/// GET /api/brands/{brandId}/backstop?day=yyyy-MM-dd: what the missed-webhook backstop found on a UTC day (the day of the
/// channel's change), per channel: order changes no webhook brought (recovered), webhooks that came late, and of the
/// recovered those placed before go-live. A day it found nothing answers with no channels.
/// </summary>
public sealed class GetBackstopDay(BackstopStore store) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetBackstopDay>(
        "api/brands/{brandId}/backstop", RouteAccess.Operations,
        "What the missed-webhook backstop found on one UTC day (?day=yyyy-MM-dd), per channel: missed, late, history", "Backstop") with
    {
        Response = typeof(BackstopDayView),
        ProblemStatuses = [StatusCodes.Status400BadRequest],
        Query = [new QueryParameter("day", "UTC date, yyyy-MM-dd", Required: true)],
    };

    [Function(nameof(GetBackstopDay))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/backstop")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!ApiParameters.TryParseDay(http.QueryValue("day"), out var day, out var problem))
        {
            return problem!;
        }

        var brandId = http.RouteValue("brandId");
        return TypedResults.Ok(BackstopDayView.From(brandId, day, await store.GetDayAsync(brandId, day, cancellationToken)));
    }
}
