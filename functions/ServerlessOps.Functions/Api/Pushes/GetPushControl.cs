using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Api.Pushes;

/// <summary>GET /api/brands/{brandId}/accounts/{channel}/{accountId}/pushes: whether the account's pushes are paused, the audit, the listings waiting.</summary>
public sealed class GetPushControl(IBrandRegistry registry, InventoryPushStore store) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/accounts/{channel}/{accountId}/pushes";

    public static HttpRoute Route { get; } = HttpRoute.Get<GetPushControl>(
        Template, RouteAccess.Operations, "Whether a channel account's stock pushes are paused, who paused or resumed them, what waits", "Inventory pushes") with
    {
        Response = typeof(PushControlView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetPushControl))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!PushParameters.TryChannel(http, out var channel, out var problem))
        {
            return problem!;
        }

        var brandId = http.RouteValue("brandId");
        var accountId = http.RouteValue("accountId");
        if (await PushParameters.AccountNotOfTheBrandAsync(registry, brandId, channel, accountId, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        return TypedResults.Ok(PushControlView.From(brandId, channel, accountId, await store.GetControlAsync(brandId, channel, accountId, cancellationToken)));
    }
}
