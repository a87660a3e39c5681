using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Registry;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>
/// POST /api/brands/{brandId}/accounts/{channel}/{accountId}/disconnect: the account's webhooks are refused (403) and
/// nothing is called on its behalf; kept, with its audit trail. Idempotent, so If-Match is optional (checked when sent).
/// </summary>
public sealed class DisconnectChannelAccount(IBrandRegistry registry, RegistryLoader loader) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/accounts/{channel}/{accountId}/disconnect";

    public static HttpRoute Route { get; } = HttpRoute.Post<DisconnectChannelAccount>(
        Template, RouteAccess.Admin, "Disconnects a channel account: its webhooks are refused from now on", "Registry") with
    {
        Response = typeof(ChannelAccountView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed],
    };

    [Function(nameof(DisconnectChannelAccount))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken) =>
        AccountChange.ApplyAsync(
            http, registry, loader, RegistryChange.Disconnected, ifMatchRequired: false,
            current => (current with { Status = ChannelAccountStatus.Disconnected }, null),
            cancellationToken);
}
