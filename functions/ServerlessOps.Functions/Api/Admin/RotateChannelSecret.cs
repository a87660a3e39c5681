using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Registry;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>
/// POST /api/brands/{brandId}/accounts/{channel}/{accountId}/secrets/{kind}/rotate with <c>{"keyVaultUri": ...}</c> (or,
/// locally, <c>{"value": ...}</c>): the new value becomes current and the old one previous, so webhooks signed with
/// either are accepted until the previous is dropped. Each kind rotates on its own. If-Match required.
/// </summary>
public sealed class RotateChannelSecret(IBrandRegistry registry, RegistryLoader loader, TimeProvider time) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/accounts/{channel}/{accountId}/secrets/{kind}/rotate";

    public static HttpRoute Route { get; } = HttpRoute.Post<RotateChannelSecret>(
        Template, RouteAccess.Admin, "Rotates one secret kind: the new value current, the old one previous (both accepted); If-Match required", "Registry") with
    {
        Response = typeof(ChannelAccountView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired],
    };

    [Function(nameof(RotateChannelSecret))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var (body, problem) = await AdminRequests.ReadAsync<SecretValueRequest>(http, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var (result, _) = await AccountChange.ApplyAsync(
            http, registry, loader, RegistryChange.SecretRotated, ifMatchRequired: true,
            current =>
            {
                if (!AdminAccounts.TryParseKind(http, current.Account.Channel, out var kind, out var kindProblem))
                {
                    return (null, kindProblem);
                }

                var errors = new List<FieldError>();
                var next = body.ToReference(string.Empty, errors);
                if (next is null)
                {
                    return (null, AdminRequests.Invalid(errors));
                }

                var secret = current.Secret(kind);
                if (secret?.Current == next)
                {
                    return (null, AdminRequests.Invalid([new FieldError(string.Empty, $"That is the current {kind.Slug()} already; a rotation needs a new value.")]));
                }

                var rotated = secret is null ? new ChannelSecret(next, null, time.GetUtcNow()) : secret.Rotate(next, time.GetUtcNow());
                return (current.WithSecret(kind, rotated), null);
            },
            cancellationToken);

        return result;
    }
}
