using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Drift;

namespace ServerlessOps.Functions.Api.Drift;

/// <summary>
/// POST /api/brands/{brandId}/drift/run (?sku= for one SKU): reads the brand's listings back now, whether or not their
/// read interval has come (the channels' propagation delays still hold), and answers what each listing's read decided.
/// Safe beside the timer: drift states are ETag-guarded, so one run repairs a given observation.
/// </summary>
public sealed class RunDrift(ListingDriftChecker checker) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/drift/run";

    public static HttpRoute Route { get; } = HttpRoute.Post<RunDrift>(
        Template, RouteAccess.Operations, "Reads the brand's listings back from the channels now and repairs drift that persisted across two reads", "Drift") with
    {
        Response = typeof(DriftRunReport),
        Query = [new QueryParameter("sku", "only this catalog SKU's listings", Required: false)],
    };

    [Function(nameof(RunDrift))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var sku = http.QueryValue("sku");
        return TypedResults.Ok(await checker.RunAsync(http.RouteValue("brandId"), string.IsNullOrWhiteSpace(sku) ? null : sku, force: true, cancellationToken));
    }
}
