using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Privacy;

/// <summary>
/// GET /api/brands/{brandId}/privacy-requests[?limit=&amp;after=]: the brand's privacy requests, newest received first, in
/// pages (<see cref="ListPaging"/>): a brand keeps every request and Shopify sends one per customer who asks.
/// </summary>
public sealed class ListPrivacyRequests(IPrivacyRequestStore requests) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<ListPrivacyRequests>(
        "api/brands/{brandId}/privacy-requests", RouteAccess.Operations,
        "A brand's privacy requests (redactions, data requests), newest first: due by, completed at, what was erased or exported", "Privacy") with
    {
        Response = typeof(IReadOnlyList<PrivacyRequest>),
        Paging = new ListPaging("privacy-requests"),
    };

    [Function(nameof(ListPrivacyRequests))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/privacy-requests")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!PageParameters.TryRead(http, out var page, out var problem))
        {
            return problem!;
        }

        var listed = await requests.ListAsync(http.RouteValue("brandId"), page, cancellationToken);
        return PageParameters.Ok(http, listed.Items, listed.Next);
    }
}
