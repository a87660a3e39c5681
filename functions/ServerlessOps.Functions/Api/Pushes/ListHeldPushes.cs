using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Api.Pushes;

/// <summary>GET /api/brands/{brandId}/pushes/held: the drops to zero the mass-drop brake holds, and past confirmations.</summary>
public sealed class ListHeldPushes(InventoryPushStore store) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/pushes/held";

    public static HttpRoute Route { get; } = HttpRoute.Get<ListHeldPushes>(
        Template, RouteAccess.Operations, "Stock pushes to zero held by the mass-drop brake, and past confirmations", "Inventory pushes") with
    {
        Response = typeof(PushHoldView),
    };

    [Function(nameof(ListHeldPushes))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        return TypedResults.Ok(PushHoldView.From(brandId, await store.GetHoldAsync(brandId, cancellationToken)));
    }
}
