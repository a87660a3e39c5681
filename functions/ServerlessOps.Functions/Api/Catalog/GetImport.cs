using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Catalog;

namespace ServerlessOps.Functions.Api.Catalog;

/// <summary>GET /api/brands/{brandId}/imports/{importId}: one import record (<c>{kind}-{sha256}</c>, the Location of its 201).</summary>
public sealed class GetImport(CatalogStore store) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetImport>(
        "api/brands/{brandId}/imports/{importId}", RouteAccess.Operations,
        "One import record: who posted the file, when, its kind, rows, SHA-256, state and what it wrote", "Catalog") with
    {
        Response = typeof(ImportView),
        ProblemStatuses = [StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetImport))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/imports/{importId}")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var brandId = http.RouteValue("brandId");
        var importId = http.RouteValue("importId");
        return await store.GetImportAsync(brandId, importId, cancellationToken) is { } found
            ? TypedResults.Ok(ImportView.From(found.Record))
            : Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no import '{importId}' (ids are {{kind}}-{{sha256 of the file}}).");
    }
}
