using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Registry;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>
/// DELETE /api/brands/{brandId}/accounts/{channel}/{accountId}/secrets/{kind}/previous: ends a rotation; only the
/// current value is accepted from now on. If-Match required.
/// </summary>
public sealed class DropPreviousChannelSecret(IBrandRegistry registry, RegistryLoader loader) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/accounts/{channel}/{accountId}/secrets/{kind}/previous";

    public static HttpRoute Route { get; } = new HttpRoute(nameof(DropPreviousChannelSecret), HttpMethods.Delete, Template, RouteAccess.Admin, typeof(DropPreviousChannelSecret))
    {
        Summary = "Ends a rotation: the previous value of one secret kind is no longer accepted; If-Match required",
        Tag = "Registry",
        Response = typeof(ChannelAccountView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired],
    };

    [Function(nameof(DropPreviousChannelSecret))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken) =>
        (await AccountChange.ApplyAsync(
            http, registry, loader, RegistryChange.PreviousSecretDropped, ifMatchRequired: true,
            current =>
            {
                if (!AdminAccounts.TryParseKind(http, current.Account.Channel, out var kind, out var kindProblem))
                {
                    return (null, kindProblem);
                }

                return current.Secret(kind) is { } secret
                    ? (current.WithSecret(kind, secret.DropPrevious()), null)
                    : (null, Problems.Result(Problems.NotFound, $"{AdminAccounts.Describe(current.Account)} has no {kind.Slug()}."));
            },
            cancellationToken)).Result;
}
