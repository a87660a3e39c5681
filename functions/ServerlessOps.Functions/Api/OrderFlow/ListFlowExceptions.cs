using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.OrderFlow;

/// <summary>GET /api/brands/{brandId}/exceptions: the brand's orders whose flow is on its exception path, newest first, each with step, cause and owner.</summary>
public sealed class ListFlowExceptions(IOrderFlowExceptionStore exceptions) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<ListFlowExceptions>(
        "api/brands/{brandId}/exceptions", RouteAccess.Operations,
        "A brand's open order flow exceptions, newest first: order, step, cause, detail, owner", "Order flows") with
    {
        Response = typeof(IReadOnlyList<OrderFlowExceptionRecord>),
    };

    [Function(nameof(ListFlowExceptions))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/exceptions")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await exceptions.ListOpenAsync(http.RouteValue("brandId"), cancellationToken));
}
