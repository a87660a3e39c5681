using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Reports;

namespace ServerlessOps.Functions.Api.Reports;

/// <summary>
/// GET /api/brands/{brandId}/reports/links: the audit of every download link handed out for the brand's reports, newest
/// first: who asked, when, which report version and file, until when, and how it was signed. The links themselves are not kept.
/// </summary>
public sealed class ListReportLinks(ReportLinks links) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/reports/links";

    public static HttpRoute Route { get; } = HttpRoute.Get<ListReportLinks>(
        Template, RouteAccess.Finance, "Audit of the download links handed out for the brand's reports: who, when, which file, until when", "Reports") with
    {
        Response = typeof(ReportLinkAuditView),
    };

    [Function(nameof(ListReportLinks))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        return TypedResults.Ok(new ReportLinkAuditView(brandId, await links.ListIssuedAsync(brandId, cancellationToken)));
    }
}
