using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api;

/// <summary>GET /api/brands/{brandId}/orders?day=yyyy-MM-dd: a brand's orders placed on one UTC day, newest first.</summary>
public sealed class ListOrdersForDay(IOrderStore orders) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<ListOrdersForDay>(
        "api/brands/{brandId}/orders", RouteAccess.Operations,
        "A brand's orders placed on one UTC day (?day=yyyy-MM-dd), newest first", "Orders") with
    {
        Response = typeof(IReadOnlyList<StoredOrder>),
        ProblemStatuses = [StatusCodes.Status400BadRequest],
        Query = [new QueryParameter("day", "UTC date, yyyy-MM-dd", Required: true)],
    };

    [Function(nameof(ListOrdersForDay))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/orders")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!ApiParameters.TryParseDay(http.QueryValue("day"), out var day, out var problem))
        {
            return problem!;
        }

        return TypedResults.Ok(await orders.ListPlacedOnAsync(http.RouteValue("brandId"), day, cancellationToken));
    }
}
