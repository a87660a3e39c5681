using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Inventory;

namespace ServerlessOps.Functions.Api.Stock;

/// <summary>
/// GET /api/brands/{brandId}/inventory/{sku}/balances[?location=]: the ledger's stock of a SKU (the truth the flows
/// reserve against): on hand, reserved and available per location, or at one location (zeros where it never moved).
/// Not the channels' reported levels: those are <c>GET /api/brands/{brandId}/inventory?sku=</c> (<see cref="GetInventory"/>).
/// </summary>
public sealed class GetStockBalances(CosmosInventoryLedgerStore ledger) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetStockBalances>(
        "api/brands/{brandId}/inventory/{sku}/balances", RouteAccess.Operations,
        "A SKU's stock in the ledger: on hand, reserved and available per location (?location= for one)", "Inventory ledger") with
    {
        Response = typeof(StockBalancesView),
        Query = [new QueryParameter("location", "One location; every location the SKU ever moved at when absent")],
    };

    [Function(nameof(GetStockBalances))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/inventory/{sku}/balances")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var sku = ApiParameters.Sku(http);
        var location = http.QueryValue("location");
        IReadOnlyList<StockBalance> balances = string.IsNullOrWhiteSpace(location)
            ? await ledger.ListBalancesAsync(brandId, sku, cancellationToken)
            : [await ledger.GetBalanceAsync(brandId, sku, location, cancellationToken)];
        return TypedResults.Ok(StockBalancesView.From(brandId, sku, balances));
    }
}
