using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Reports;

/// <summary>
/// GET /api/brands/{brandId}/reports (?kind=monthly|weekly|daily)[&amp;limit=&amp;after=]: the brand's published reports,
/// newest period first (monthly, then weekly, then daily when no kind is given), each with its files, versions and headline
/// numbers, in pages (<see cref="ListPaging"/>; a daily report a day grows the list without bound). Single-partition
/// queries. For operations and finance: listing shows no money beyond the headline summary.
/// </summary>
public sealed class ListReports(IReportArchive archive) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/reports";

    public static HttpRoute Route { get; } = HttpRoute.Get<ListReports>(
        Template, RouteAccess.OperationsOrFinance, "The brand's published reports, newest period first, with their files and versions", "Reports") with
    {
        Response = typeof(ReportListView),
        ProblemStatuses = [StatusCodes.Status400BadRequest],
        Query = [new QueryParameter("kind", "monthly, weekly or daily", Required: false)],
        Paging = new ListPaging("reports"),
    };

    [Function(nameof(ListReports))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!ReportRequests.TryParseKindQuery(http, out var kind, out var problem))
        {
            return problem!;
        }

        if (!PageParameters.TryRead(http, out var page, out problem))
        {
            return problem!;
        }

        var brandId = http.RouteValue("brandId");
        var listed = await archive.ListPageAsync(brandId, kind, page, cancellationToken);
        return PageParameters.OkWrapped(http, new ReportListView(brandId, listed.Items), listed.Next);
    }
}
