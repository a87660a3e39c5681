using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api;

/// <summary>
/// GET /api/brands/{brandId}/quarantine?state=open|resolved[&amp;limit=&amp;after=]: quarantined deliveries, newest first, in
/// pages (<see cref="ListPaging"/>): one channel outage can quarantine thousands.
/// </summary>
public sealed class ListQuarantine(IQuarantineStore quarantine) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<ListQuarantine>(
        "api/brands/{brandId}/quarantine", RouteAccess.Operations,
        "A brand's quarantined deliveries, newest first (?state=open|resolved)", "Quarantine") with
    {
        Response = typeof(IReadOnlyList<QuarantinedDelivery>),
        ProblemStatuses = [StatusCodes.Status400BadRequest],
        Query = [new QueryParameter("state", "open or resolved; both when absent")],
        Paging = new ListPaging("quarantine"),
    };

    [Function(nameof(ListQuarantine))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/quarantine")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var state = http.QueryValue("state");
        QuarantineState? filter = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<QuarantineState>(state, ignoreCase: true, out var parsed))
            {
                return Problems.Result(Problems.InvalidParameter, $"Query parameter 'state' must be 'open' or 'resolved'; received '{state}'.");
            }

            filter = parsed;
        }

        if (!PageParameters.TryRead(http, out var page, out var problem))
        {
            return problem!;
        }

        var listed = await quarantine.ListPageAsync(http.RouteValue("brandId"), filter, page, cancellationToken);
        return PageParameters.Ok(http, listed.Items, listed.Next);
    }
}
