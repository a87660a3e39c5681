using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Inventory;

namespace ServerlessOps.Functions.Api.Stock;

/// <summary>
/// GET /api/brands/{brandId}/inventory/{sku}/ledger[?limit=]: the movements applied to a SKU at every location, newest
/// first, each with its cause, the change it made and who asked for it. Refused reservations are not movements.
/// </summary>
public sealed class ListStockLedger(IInventoryLedgerStore ledger) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<ListStockLedger>(
        "api/brands/{brandId}/inventory/{sku}/ledger", RouteAccess.Operations,
        "A SKU's ledger entries, newest first, with cause and the change applied (?limit=, default 50)", "Inventory ledger") with
    {
        Response = typeof(StockLedgerView),
        ProblemStatuses = [StatusCodes.Status400BadRequest],
        Query = [new QueryParameter("limit", $"1 to {CosmosInventoryLedgerStore.MaxListLimit}; default {StockParameters.DefaultLedgerLimit}")],
    };

    [Function(nameof(ListStockLedger))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/inventory/{sku}/ledger")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!ApiParameters.TryParseLimit(http.QueryValue("limit"), StockParameters.DefaultLedgerLimit, CosmosInventoryLedgerStore.MaxListLimit, out var limit, out var problem))
        {
            return problem!;
        }

        var brandId = http.RouteValue("brandId");
        var sku = ApiParameters.Sku(http);
        return TypedResults.Ok(StockLedgerView.From(brandId, sku, await ledger.ListEntriesAsync(brandId, sku, limit, cancellationToken)));
    }
}
