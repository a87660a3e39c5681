using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Privacy;

/// <summary>GET /api/brands/{brandId}/privacy-requests: the brand's privacy requests, newest received first.</summary>
public sealed class ListPrivacyRequests(IPrivacyRequestStore requests) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<ListPrivacyRequests>(
        "api/brands/{brandId}/privacy-requests", RouteAccess.Operations,
        "A brand's privacy requests (redactions, data requests), newest first: due by, completed at, what was erased or exported", "Privacy") with
    {
        Response = typeof(IReadOnlyList<PrivacyRequest>),
    };

    [Function(nameof(ListPrivacyRequests))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/privacy-requests")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await requests.ListAsync(http.RouteValue("brandId"), cancellationToken));
}
