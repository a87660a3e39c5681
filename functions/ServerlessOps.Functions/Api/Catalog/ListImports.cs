using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Catalog;

namespace ServerlessOps.Functions.Api.Catalog;

/// <summary>GET /api/brands/{brandId}/imports: the brand's last 200 accepted import files, newest first (who, when, kind, rows, hash, state).</summary>
public sealed class ListImports(CatalogStore store) : IHttpFunction
{
    public const int Limit = 200;

    public static HttpRoute Route { get; } = HttpRoute.Get<ListImports>(
        "api/brands/{brandId}/imports", RouteAccess.Operations,
        "The brand's most recent imports (catalog, costs, fees, stock counts), newest first", "Catalog") with
    {
        Response = typeof(ImportListView),
    };

    [Function(nameof(ListImports))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/imports")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var brandId = http.RouteValue("brandId");
        var records = await store.ListImportsAsync(brandId, Limit, cancellationToken);
        return TypedResults.Ok(new ImportListView(brandId, [.. records.Select(ImportView.From)]));
    }
}
