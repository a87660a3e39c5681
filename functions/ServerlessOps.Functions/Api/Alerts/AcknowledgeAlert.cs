using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Alerts;

namespace ServerlessOps.Functions.Api.Alerts;

/// <summary>
/// POST /api/brands/{brandId}/alerts/{alertId}/acknowledge: the caller takes the alert (recorded as who and when). It
/// stays unresolved and repeats do not notify; a notification not yet sent is dropped; a material worsening reopens it
/// and notifies again.
/// </summary>
public sealed class AcknowledgeAlert(AlertUpdater updater) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Post<AcknowledgeAlert>(
        "api/brands/{brandId}/alerts/{alertId}/acknowledge", RouteAccess.Operations,
        "Acknowledges an open alert as the caller; 409 when it is acknowledged or resolved already", "Alerts") with
    {
        Response = typeof(AlertView),
        ProblemStatuses = [StatusCodes.Status404NotFound, StatusCodes.Status409Conflict],
    };

    [Function(nameof(AcknowledgeAlert))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/brands/{brandId}/alerts/{alertId}/acknowledge")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var alertId = http.RouteValue("alertId");
        var by = http.Caller?.Name ?? throw new InvalidOperationException($"{Route.Name} runs only for a signed-in caller.");
        var update = await updater.AcknowledgeAsync(brandId, alertId, by, cancellationToken);
        return update switch
        {
            { Alert: { } alert } => TypedResults.Ok(AlertView.From(alert)),
            { Refusal: { } refusal } => Problems.Result(Problems.Conflict, refusal),
            _ => AlertParameters.NotFound(brandId, alertId),
        };
    }
}
