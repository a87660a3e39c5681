using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Cosmos.Stores;

namespace ServerlessOps.Functions.Api;

/// <summary>
/// POST /api/brands/{brandId}/orders/repartition: moves the brand's orders out of the brand-partitioned layout into the
/// brand-and-month one now (the app also does it at start). Idempotent and resumable: a call cut short loses nothing,
/// and calling again finishes the job; a brand already moved answers at once.
/// </summary>
public sealed class RepartitionOrders(CosmosOrderStore orders) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Post<RepartitionOrders>(
        "api/brands/{brandId}/orders/repartition", RouteAccess.Admin,
        "Moves the brand's orders into partitions by brand and month (idempotent; what was moved, merged, already moved, failed)", "Orders") with
    {
        Response = typeof(OrderMoveReport),
    };

    [Function(nameof(RepartitionOrders))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/brands/{brandId}/orders/repartition")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await orders.MoveLegacyOrdersAsync(http.RouteValue("brandId"), cancellationToken));
}
