using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Alerts;

/// <summary>
/// GET /api/brands/{brandId}/alerts?state=&amp;kind=[&amp;limit=&amp;after=]: a brand's alerts, most recently seen first, in pages
/// (<see cref="ListPaging"/>): a brand keeps an alert per late order, short SKU or failed push it ever had.
/// </summary>
public sealed class ListAlerts(IAlertStore alerts) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<ListAlerts>(
        "api/brands/{brandId}/alerts", RouteAccess.Operations,
        "A brand's alerts, most recently seen first (?state=open|acknowledged|resolved, ?kind=<slug>)", "Alerts") with
    {
        Response = typeof(IReadOnlyList<AlertView>),
        ProblemStatuses = [StatusCodes.Status400BadRequest],
        Paging = new ListPaging("alerts"),
        Query =
        [
            new QueryParameter("state", "open, acknowledged or resolved; every state when absent"),
            new QueryParameter("kind", "an alert kind's slug, e.g. sla-missed; every kind when absent"),
        ],
    };

    [Function(nameof(ListAlerts))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/alerts")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!AlertParameters.TryParseState(http.QueryValue("state"), out var state, out var problem)
            || !AlertParameters.TryParseKind(http.QueryValue("kind"), out var kind, out problem)
            || !PageParameters.TryRead(http, out var page, out problem))
        {
            return problem!;
        }

        var listed = await alerts.ListPageAsync(http.RouteValue("brandId"), state, kind, page, cancellationToken);
        return PageParameters.Ok(http, [.. listed.Items.Select(AlertView.From)], listed.Next);
    }
}
