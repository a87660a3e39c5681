using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Alerts;

/// <summary>GET /api/brands/{brandId}/alerts/{alertId}: one alert, the link its chat notification carries.</summary>
public sealed class GetAlert(IAlertStore alerts) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetAlert>(
        "api/brands/{brandId}/alerts/{alertId}", RouteAccess.Operations,
        "One alert with its occurrences, acknowledgement, resolution and notification state", "Alerts") with
    {
        Response = typeof(AlertView),
        ProblemStatuses = [StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetAlert))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/alerts/{alertId}")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var alertId = http.RouteValue("alertId");
        var alert = await alerts.GetAsync(brandId, alertId, cancellationToken);
        return alert is null ? AlertParameters.NotFound(brandId, alertId) : TypedResults.Ok(AlertView.From(alert.Value));
    }
}
