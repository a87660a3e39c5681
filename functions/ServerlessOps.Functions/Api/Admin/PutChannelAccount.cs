using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Audit;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Registry;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>
/// PUT /api/brands/{brandId}/accounts/{channel}/{accountId}: registers a channel account (201; 409 when another brand
/// has it), or changes one (200; If-Match required: 428 without, 412 when changed since). The webhook edge of this
/// instance takes it at once, every other instance within a change-feed poll.
/// </summary>
public sealed class PutChannelAccount(IBrandRegistry registry, RegistryLoader loader) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/accounts/{channel}/{accountId}";

    public static HttpRoute Route { get; } = new HttpRoute(nameof(PutChannelAccount), HttpMethods.Put, Template, RouteAccess.Admin, typeof(PutChannelAccount))
    {
        Summary = "Registers or changes a channel account: status, webhook settings, secrets (Key Vault URIs); If-Match to change",
        Tag = "Registry",
        Response = typeof(ChannelAccountView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired],
    };

    [Function(nameof(PutChannelAccount))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!AdminAccounts.TryParse(http, out var account, out var problem))
        {
            return problem!;
        }

        var (body, bodyProblem) = await AdminRequests.ReadAsync<ChannelAccountRequest>(http, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        var what = $"Brand '{account.BrandId}' {AdminAccounts.Describe(account)}";
        var current = await registry.GetAccountAsync(account.Channel, account.AccountId, cancellationToken);
        if (current is not null && !string.Equals(current.Value.Account.BrandId, account.BrandId, StringComparison.Ordinal))
        {
            return Problems.Result(Problems.Conflict, $"{AdminAccounts.Describe(account)} is registered to another brand; an account belongs to one brand.");
        }

        var errors = new List<FieldError>();
        try
        {
            if (current is null)
            {
                if (!string.IsNullOrWhiteSpace(http.Request.Headers.IfMatch))
                {
                    return AdminRequests.PreconditionFailed($"{what} does not exist, so it");
                }

                var created = body.ToConnection(account, null, errors);
                if (errors.Count > 0)
                {
                    return AdminRequests.Invalid(errors);
                }

                var saved = await registry.CreateAccountAsync(created, new RegistryChange(http.Caller!.Name, RegistryChange.Created), cancellationToken);
                await loader.TryReloadAsync("account created", cancellationToken);
                http.Audit = AuditNote.ForRegistryWrite(RegistryChange.Created, saved.ETag);
                return TypedResults.Created(
                    $"/api/brands/{account.BrandId}/accounts/{http.RouteValue("channel")}/{Uri.EscapeDataString(account.AccountId)}",
                    ChannelAccountView.From(saved.Value, AdminRequests.SetETag(http, saved.ETag)));
            }

            if (AdminRequests.CheckIfMatch(http, current.ETag, what) is { } precondition)
            {
                return precondition;
            }

            var updated = body.ToConnection(current.Value.Account, current.Value, errors);
            if (errors.Count > 0)
            {
                return AdminRequests.Invalid(errors);
            }

            var replaced = await registry.ReplaceAccountAsync(current, updated, new RegistryChange(http.Caller!.Name, RegistryChange.Updated), cancellationToken);
            await loader.TryReloadAsync("account updated", cancellationToken);
            http.Audit = AuditNote.ForRegistryWrite(RegistryChange.Updated, replaced.ETag);
            return TypedResults.Ok(ChannelAccountView.From(replaced.Value, AdminRequests.SetETag(http, replaced.ETag)));
        }
        catch (RegistryValidationException e)
        {
            return AdminRequests.Invalid(e.Errors);
        }
        catch (ConcurrencyConflictException)
        {
            return current is null
                ? Problems.Result(Problems.Conflict, $"{AdminAccounts.Describe(account)} was registered meanwhile; read it and retry.")
                : AdminRequests.PreconditionFailed(what);
        }
    }
}
