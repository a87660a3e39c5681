using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Errors;

namespace ServerlessOps.Functions.Api;

/// <summary>Read API over the canonical orders: one order with its deliveries, and a brand's orders for a day.</summary>
public static class OrdersEndpoints
{
    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder brands)
    {
        brands.MapGet("/orders/{orderId}", GetOrderAsync)
            .WithName("GetOrder")
            .WithSummary("One canonical order (id '{channel}:{external id}') with references to its raw deliveries")
            .Produces<StoredOrder>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        brands.MapGet("/orders", ListOrdersAsync)
            .WithName("ListOrdersForDay")
            .WithSummary("A brand's orders placed on one UTC day (?day=yyyy-MM-dd), newest first")
            .Produces<IReadOnlyList<StoredOrder>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return brands;
    }

    private static async Task<IResult> GetOrderAsync(string brandId, string orderId, IOrderStore orders, CancellationToken cancellationToken)
    {
        var order = await orders.GetAsync(brandId, orderId, cancellationToken);
        return order is null
            ? Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no order '{orderId}'. Order ids are '{{channel}}:{{external order id}}', e.g. 'shopify:6120001122334'.")
            : TypedResults.Ok(order.Value);
    }

    private static async Task<IResult> ListOrdersAsync(string brandId, string? day, IOrderStore orders, CancellationToken cancellationToken)
    {
        if (!ApiParameters.TryParseDay(day, out var parsed, out var problem))
        {
            return problem!;
        }

        return TypedResults.Ok(await orders.ListPlacedOnAsync(brandId, parsed, cancellationToken));
    }
}
