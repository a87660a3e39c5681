using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Functions.Audit;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Registry;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>
/// The shape every single-purpose account change shares (disconnect, rotate, drop previous): load the route's account
/// for its brand, check If-Match, apply the change, write it ETag-guarded with its audit action, refresh this instance's
/// cache, answer the account.
/// </summary>
internal static class AccountChange
{
    /// <param name="ifMatchRequired">False only for idempotent changes (disconnect): If-Match is then checked only when sent.</param>
    /// <param name="change">The new version, or a problem; returning the current value unchanged writes nothing.</param>
    /// <returns>The answer, and the route's account when the answer is the changed (or already so) account, null otherwise.</returns>
    public static async Task<(IResult Result, ChannelAccount? Changed)> ApplyAsync(
        HttpCall http,
        IBrandRegistry registry,
        RegistryLoader loader,
        string action,
        bool ifMatchRequired,
        Func<ChannelConnection, (ChannelConnection? Updated, IResult? Problem)> change,
        CancellationToken cancellationToken)
    {
        if (!AdminAccounts.TryParse(http, out var account, out var problem))
        {
            return (problem!, null);
        }

        var (current, missing) = await AdminAccounts.LoadAsync(registry, account, cancellationToken);
        if (current is null)
        {
            return (missing!, null);
        }

        var what = $"Brand '{account.BrandId}' {AdminAccounts.Describe(account)}";
        if ((ifMatchRequired || !string.IsNullOrWhiteSpace(http.Request.Headers.IfMatch)) && AdminRequests.CheckIfMatch(http, current.ETag, what) is { } precondition)
        {
            return (precondition, null);
        }

        var (updated, refused) = change(current.Value);
        if (updated is null)
        {
            return (refused ?? Problems.Result(Problems.Conflict, $"{what} cannot be changed this way."), null);
        }

        try
        {
            var saved = await registry.ReplaceAccountAsync(current, updated, new RegistryChange(http.Caller!.Name, action), cancellationToken);
            if (!ReferenceEquals(saved, current))
            {
                await loader.TryReloadAsync(action, cancellationToken);
            }

            http.Audit = AuditNote.ForRegistryWrite(action, saved.ETag);
            return (TypedResults.Ok(ChannelAccountView.From(saved.Value, AdminRequests.SetETag(http, saved.ETag))), account);
        }
        catch (RegistryValidationException e)
        {
            return (AdminRequests.Invalid(e.Errors), null);
        }
        catch (ConcurrencyConflictException)
        {
            return (AdminRequests.PreconditionFailed(what), null);
        }
    }
}
