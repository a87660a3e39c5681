using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Privacy;

/// <summary>GET /api/brands/{brandId}/privacy-requests/{requestId}: one privacy request as recorded.</summary>
public sealed class GetPrivacyRequest(IPrivacyRequestStore requests) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetPrivacyRequest>(
        "api/brands/{brandId}/privacy-requests/{requestId}", RouteAccess.Operations,
        "One privacy request: kind, ids named, deliveries, received at, due by, completed at, counts", "Privacy") with
    {
        Response = typeof(PrivacyRequest),
        ProblemStatuses = [StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetPrivacyRequest))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/privacy-requests/{requestId}")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var requestId = http.RouteValue("requestId");
        var found = await requests.GetAsync(brandId, requestId, cancellationToken);
        return found is null
            ? Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no privacy request '{requestId}'.")
            : TypedResults.Ok(found.Value);
    }
}
