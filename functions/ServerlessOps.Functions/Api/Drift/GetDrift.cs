using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Drift;

namespace ServerlessOps.Functions.Api.Drift;

/// <summary>
/// GET /api/brands/{brandId}/drift (?sku= for one SKU): every listing the drift checker has read, with what the channel
/// showed, the truth, a first observation awaiting its second read, the last repair and the audit of repairs.
/// </summary>
public sealed class GetDrift(DriftStore store) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/drift";

    public static HttpRoute Route { get; } = HttpRoute.Get<GetDrift>(
        Template, RouteAccess.Operations, "Listings as last read back from the channels: channel value, truth, first seen, repaired at, audit", "Drift") with
    {
        Response = typeof(DriftView),
        Query = [new QueryParameter("sku", "only this catalog SKU's listings", Required: false)],
    };

    [Function(nameof(GetDrift))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var sku = http.QueryValue("sku");
        return TypedResults.Ok(DriftView.From(brandId, await store.ListAsync(brandId, string.IsNullOrWhiteSpace(sku) ? null : sku, cancellationToken)));
    }
}
