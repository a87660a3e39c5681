using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Connections;
using ServerlessOps.Infrastructure.Registry;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>
/// POST /api/brands/{brandId}/connections/walmart/{accountId}/verify: Walmart has no authorisation redirect; the admin
/// enters the seller's client id and secret (the account's <c>client-id</c> and <c>client-secret</c>), and this obtains a
/// token with them now (<c>POST /v3/token</c>). On success the account is connected (audited) and its token stored for
/// every instance; a refusal marks it as needing re-authorisation (as any refused grant does) and answers 400.
/// </summary>
public sealed class VerifyWalmartConnection(
    BrandDirectoryCache registry, ChannelTokenService tokenService, ChannelConnector connector, IChannelTokenStore tokens, ILogger<VerifyWalmartConnection> logger) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/connections/walmart/{accountId}/verify";

    public static HttpRoute Route { get; } = HttpRoute.Post<VerifyWalmartConnection>(
        Template, RouteAccess.Admin, "Verifies a Walmart account's client id and secret by obtaining a token; connects the account", "Connections") with
    {
        Response = typeof(ConnectionView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable],
    };

    [Function(nameof(VerifyWalmartConnection))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var account = new ChannelAccount(http.RouteValue("brandId"), SalesChannel.Walmart, http.RouteValue("accountId").Trim());
        if (!registry.Snapshot.TryGetAccount(SalesChannel.Walmart, account.AccountId, out var resolved)
            || !string.Equals(resolved.Connection.Account.BrandId, account.BrandId, StringComparison.Ordinal))
        {
            return Problems.Result(Problems.NotFound, $"Brand '{account.BrandId}' has no walmart account '{account.AccountId}'.");
        }

        if (resolved.Current(SecretKind.ClientId) is null || resolved.Current(SecretKind.ClientSecret) is null)
        {
            return Problems.Result(
                Problems.InvalidParameter,
                $"The walmart account '{account.AccountId}' has no usable client-id and client-secret: enter them first (PUT /api/brands/{account.BrandId}/accounts/walmart/{account.AccountId}).");
        }

        account = resolved.Connection.Account;
        try
        {
            await tokenService.RefreshNowAsync(account, cancellationToken);
        }
        catch (Exception e) when (ConnectionCallbacks.IsChannelFailure(e))
        {
            return ConnectionCallbacks.ChannelFailure(http, logger, SalesChannel.Walmart, account.BrandId, e);
        }

        try
        {
            var saved = await connector.MarkConnectedAsync(account, http.Caller!.Name, cancellationToken);
            var stored = await tokens.ReadAsync(account.Channel, account.AccountId, cancellationToken);
            return TypedResults.Ok(ConnectionView.From(saved.Value.Account, saved.Value.Status, stored?.Value));
        }
        catch (RegistryValidationException e)
        {
            return Problems.Result(
                Problems.InvalidBody,
                $"Walmart accepted the client credentials, but the account cannot be connected: {string.Join(" ", e.Errors.Select(f => $"{f.Field}: {f.Message}"))}",
                new Dictionary<string, object?> { ["errors"] = e.Errors.Select(f => new { field = f.Field, message = f.Message }).ToArray() });
        }
    }
}
