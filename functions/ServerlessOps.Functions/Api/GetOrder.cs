using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api;

/// <summary>GET /api/brands/{brandId}/orders/{orderId}: one canonical order with references to its raw deliveries.</summary>
public sealed class GetOrder(IOrderStore orders) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetOrder>(
        "api/brands/{brandId}/orders/{orderId}", RouteAccess.Operations,
        "One canonical order (id '{channel}:{external id}') with references to its raw deliveries", "Orders") with
    {
        Response = typeof(StoredOrder),
        ProblemStatuses = [StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetOrder))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/orders/{orderId}")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var orderId = http.RouteValue("orderId");
        var order = await orders.GetAsync(brandId, orderId, cancellationToken);
        return order is null
            ? Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no order '{orderId}'. Order ids are '{{channel}}:{{external order id}}', e.g. 'shopify:6120001122334'.")
            : TypedResults.Ok(order.Value);
    }
}
