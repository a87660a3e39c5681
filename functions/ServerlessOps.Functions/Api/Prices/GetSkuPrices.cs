using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Api.Admin;
using ServerlessOps.Functions.Api.Stock;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Pricing;

namespace ServerlessOps.Functions.Api.Prices;

/// <summary>
/// GET /api/brands/{brandId}/catalog/{sku}/price: the SKU's prices as a price-set changes them (<see cref="SkuPricesView"/>)
/// with their version as <c>ETag</c>, which <c>POST</c> on the same path accepts as <c>If-Match</c> ("only if the prices are
/// still what I saw"). A SKU priced before that version existed (its listings' price facts only, as every SKU right after
/// the deployment that added it) answers those facts per listing, at a version taken from them that any later fact
/// changes; only a SKU no set or webhook has ever priced answers no listings at version <c>"none"</c>.
/// </summary>
public sealed class GetSkuPrices(CatalogStore catalog, SkuPriceStateStore versions) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/catalog/{sku}/price";

    public static HttpRoute Route { get; } = HttpRoute.Get<GetSkuPrices>(
        Template, RouteAccess.Operations,
        "A SKU's newest price per listing (set through this API or seen in a webhook) and its last set, with the version (ETag) a price-set may send as If-Match", "Prices") with
    {
        Response = typeof(SkuPricesView),
        ProblemStatuses = [StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetSkuPrices))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var brandId = http.RouteValue("brandId");
        var sku = ApiParameters.Sku(http);
        var item = await catalog.GetItemAsync(brandId, sku, cancellationToken);
        if (item is null)
        {
            return Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no catalog SKU '{sku}'.");
        }

        var state = await versions.ReadAsync(brandId, item.Sku, item.Currency, cancellationToken);
        return TypedResults.Ok(SkuPricesView.From(state.Value, AdminRequests.SetETag(http, state.ETag)));
    }
}
