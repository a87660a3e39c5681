using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Reports;

namespace ServerlessOps.Functions.Api.Reports;

/// <summary>
/// GET /api/brands/{brandId}/reports/links[?limit=&amp;after=]: the audit of every download link handed out for the brand's
/// reports, newest first, in pages (<see cref="ListPaging"/>; the audit only grows): who asked, when, which report version
/// and file, until when, and how it was signed. The links themselves are not kept.
/// </summary>
public sealed class ListReportLinks(ReportLinks links) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/reports/links";

    public static HttpRoute Route { get; } = HttpRoute.Get<ListReportLinks>(
        Template, RouteAccess.Finance, "Audit of the download links handed out for the brand's reports: who, when, which file, until when", "Reports") with
    {
        Response = typeof(ReportLinkAuditView),
        Paging = new ListPaging("report-links"),
    };

    [Function(nameof(ListReportLinks))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!PageParameters.TryRead(http, out var page, out var problem))
        {
            return problem!;
        }

        var brandId = http.RouteValue("brandId");
        var listed = await links.ListIssuedAsync(brandId, page, cancellationToken);
        return PageParameters.OkWrapped(http, new ReportLinkAuditView(brandId, listed.Items), listed.Next);
    }
}
