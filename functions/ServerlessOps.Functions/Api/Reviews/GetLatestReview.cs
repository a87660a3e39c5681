using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Reviews;

/// <summary>
/// GET /api/brands/{brandId}/reviews/latest: the latest complete monthly review, as the report archive indexes it (period,
/// version, files, headline numbers, owner). 404 before the first review is published.
/// </summary>
public sealed class GetLatestReview(IReportArchive archive) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/reviews/latest";

    public static HttpRoute Route { get; } = HttpRoute.Get<GetLatestReview>(
        Template, RouteAccess.Finance, "The latest complete monthly review: period, version, files and headline numbers", "Monthly review") with
    {
        Response = typeof(ReportEntry),
        ProblemStatuses = [StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetLatestReview))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var latest = await archive.GetLatestAsync(brandId, ReportKind.Monthly, cancellationToken);
        return latest is null
            ? Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no complete monthly review yet.")
            : TypedResults.Ok(latest);
    }
}
