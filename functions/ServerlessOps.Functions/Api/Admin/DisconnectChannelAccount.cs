using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Registry;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>
/// POST /api/brands/{brandId}/accounts/{channel}/{accountId}/disconnect: the account's webhooks are refused (403) and
/// nothing is called on its behalf; kept, with its audit trail. Idempotent, so If-Match is optional (checked when sent).
/// The account's own alerts (webhooks stopped, authorisation revoked) are resolved: nothing checks a disconnected account
/// again (the backstop and the token service skip it), so they would stay open with their owner for good.
/// </summary>
public sealed class DisconnectChannelAccount(IBrandRegistry registry, RegistryLoader loader, IAlertRaiser alerts) : IHttpFunction
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

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var (result, account) = await AccountChange.ApplyAsync(
            http, registry, loader, RegistryChange.Disconnected, ifMatchRequired: false,
            current => (current with { Status = ChannelAccountStatus.Disconnected }, null),
            cancellationToken);
        if (account is not null)
        {
            var subject = AlertSubject.ChannelAccount(account.Channel, account.AccountId);
            var why = $"The account was disconnected by {http.Caller!.Name}: nothing is read from it or checked for it any more.";
            await alerts.ClearAsync(account.BrandId, AlertKind.WebhooksStopped, subject, why, cancellationToken);
            await alerts.ClearAsync(account.BrandId, AlertKind.ChannelAuthorizationRevoked, subject, why, cancellationToken);
        }

        return result;
    }
}
