using ServerlessOps.Functions.Audit;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Functions.Timers;

namespace ServerlessOps.Functions.Api.Reviews;

/// <summary>
/// POST /api/brands/{brandId}/reviews/{month}: starts the brand's review of a closed month (finance or admin). One
/// instance per brand and month: a review already pending, running or complete is left as it is (200 with its
/// location); a failed or terminated one runs again under the same id (202). A month not yet closed in the brand's time
/// zone is refused.
/// </summary>
public sealed class StartReview(MonthlyReviewStarter starter, Domain.Brands.IBrandDirectorySource brands, TimeProvider time) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/reviews/{month}";

    public static HttpRoute Route { get; } = HttpRoute.Post<StartReview>(
        Template, RouteAccess.Finance,
        "Starts the monthly review of a closed month (yyyy-MM); one review per brand and month, a failed one runs again", "Monthly review") with
    {
        SuccessStatus = StatusCodes.Status202Accepted,
        UsesDurableClient = true,
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound],
    };

    [Function(nameof(StartReview))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Route.DispatchAsync(request.HttpContext, this, client);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!ReviewParameters.TryRead(http, out var brandId, out var month, out var problem))
        {
            return problem!;
        }

        if (!brands.Current.Brands.TryGetValue(brandId, out var brand))
        {
            return Errors.Problems.Result(Errors.Problems.NotFound, $"Brand '{brandId}' is not in the registry: a review needs its time zone, currency and owners.");
        }

        var due = starter.DueMonth(brand, time.GetUtcNow());
        if (month > due)
        {
            return Errors.Problems.Result(Errors.Problems.InvalidParameter,
                $"Month {month} of brand '{brandId}' is not closed and due yet in {brand.TimeZone}: the latest month that can be reviewed is {due}.");
        }

        var started = await starter.StartAsync(http.Durable, brandId, month, http.Caller?.Name ?? "api", restartFailed: true, cancellationToken);
        var location = $"/api/brands/{brandId}/reviews/{month}";
        var instanceId = Domain.Review.Cycle.ReviewIds.For(brandId, month);

        // One detail whether this request started the review or found it started: a client's retry (202, then 200)
        // is then the same action, not a second one; the review's own status says how it went.
        http.Audit = new AuditNote($"review of {month} requested", $"orchestration:{instanceId}");
        var body = new { brandId, month = month.ToString(), instanceId, started, statusUri = location };
        return started ? TypedResults.Accepted(location, body) : TypedResults.Ok(body);
    }
}
