using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Hosting;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api;

/// <summary>
/// GET /api/health: liveness, and the start-up checks that would otherwise fail one request at a time. A Key Vault
/// reference the platform could not resolve stays in the setting as its literal <c>@Microsoft.KeyVault(...)</c>
/// text; every webhook of that account would then fail authentication, so it fails here instead. The route is
/// anonymous and setting names carry brand ids (<c>Brands__acme__…</c>), so the answer gives only how many; the
/// start-up log names them (event 1401, <see cref="StartupChecks"/>), where the on-call engineer looks anyway. A new
/// instance answers 503 while <see cref="EdgeWarmUp"/> runs (about a second), so whoever waits for it to be healthy
/// sends the first webhooks to a warm edge.
/// </summary>
public sealed class Health(UnresolvedSecretReferences unresolved, EdgeWarmUp warmUp) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<Health>(
        "api/health", RouteAccess.Anonymous, "Liveness; 503 counting the settings whose Key Vault reference did not resolve (the start-up log names them)", "Health") with
    {
        Response = typeof(HealthStatus),
        ProblemStatuses = [StatusCodes.Status503ServiceUnavailable],
    };

    [Function(nameof(Health))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (unresolved.SettingNames.Count > 0)
        {
            return Task.FromResult(Problems.Result(
                Problems.MisconfiguredSettings,
                $"{unresolved.SettingNames.Count} setting(s) still hold an unresolved Key Vault reference (is the secret missing, or may the app's identity not read it?); the start-up log names them (event 1401)."));
        }

        return Task.FromResult(warmUp.IsWarm
            ? TypedResults.Ok(new HealthStatus("ok"))
            : Problems.Result(Problems.WarmingUp, $"This instance is opening its store connections; ready within {EdgeWarmUp.Limit.TotalSeconds:0} s."));
    }
}
