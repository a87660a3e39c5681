using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Api.Stock;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Catalog;

namespace ServerlessOps.Functions.Api.Catalog;

/// <summary>GET /api/brands/{brandId}/catalog/{sku}: the item with its channel listings and stock locations, and its unit cost now.</summary>
public sealed class GetCatalogItem(CatalogStore store, TimeProvider time) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetCatalogItem>(
        "api/brands/{brandId}/catalog/{sku}", RouteAccess.Operations,
        "One catalog item: listings per channel with their stock locations, MAP, list price and the unit cost in effect now", "Catalog") with
    {
        Response = typeof(CatalogItemView),
        ProblemStatuses = [StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetCatalogItem))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/catalog/{sku}")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var brandId = http.RouteValue("brandId");
        // A SKU may hold a slash (MUG/12OZ), sent as %2F, which routing leaves escaped: undone as the stock routes do.
        var sku = ApiParameters.Sku(http);
        var itemTask = store.GetItemAsync(brandId, sku, cancellationToken);
        var costs = await store.GetCostsAsync(brandId, sku, cancellationToken);
        var item = await itemTask;
        return item is null
            ? Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no catalog SKU '{sku}'.")
            : TypedResults.Ok(new CatalogItemView(item, EffectivePeriods.CostAt(costs, time.GetUtcNow()), costs));
    }
}
