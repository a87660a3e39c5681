using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Reports;

/// <summary>
/// GET /api/brands/{brandId}/reports/monthly/latest: the latest complete monthly review (newest month, newest version),
/// with its files; 404 until the first one is published. Complete by construction: an entry is indexed only after every
/// one of its files is written.
/// </summary>
public sealed class GetLatestMonthlyReport(IReportArchive archive) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/reports/monthly/latest";

    public static HttpRoute Route { get; } = HttpRoute.Get<GetLatestMonthlyReport>(
        Template, RouteAccess.OperationsOrFinance, "The latest complete monthly review of the brand, with its files", "Reports") with
    {
        Response = typeof(ReportEntry),
        ProblemStatuses = [StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetLatestMonthlyReport))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var latest = await archive.GetLatestAsync(brandId, ReportKind.Monthly, cancellationToken);
        return latest is null
            ? Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no monthly review published yet.")
            : TypedResults.Ok(latest);
    }
}
