using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Api.Admin;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Api.Pushes;

/// <summary>
/// What pausing and resuming an account's pushes share (<see cref="PausePushes"/>, <see cref="ResumePushes"/>): the same
/// route shape and the same handling, differing only in which way the brake moves.
/// </summary>
internal static class PushBrakeRoute
{
    public static HttpRoute Create<TFunction>(string template)
        where TFunction : IHttpFunction =>
        HttpRoute.Post<TFunction>(template, RouteAccess.Operations, "", "Inventory pushes") with
        {
            Response = typeof(PushControlView),
            ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound],
            Query = [new QueryParameter("reason", "Why, for the audit (at most 500 characters)")],
        };

    /// <summary>
    /// Checks the channel and reason (400) and that the brand has the account (404), then pauses or resumes it in the
    /// caller's name: the brake records who, when and why in the account's push audit, so the caller must be signed in
    /// (the route's access ensures it).
    /// </summary>
    public static async Task<IResult> HandleAsync(
        HttpCall http, HttpRoute route, IBrandRegistry registry, PushBrakes brakes, bool pause, CancellationToken cancellationToken)
    {
        if (!PushParameters.TryChannel(http, out var channel, out var problem) || !PushParameters.TryReason(http, out var reason, out problem))
        {
            return problem!;
        }

        var brandId = http.RouteValue("brandId");
        var accountId = http.RouteValue("accountId");
        if (await PushParameters.AccountNotOfTheBrandAsync(registry, brandId, channel, accountId, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        var by = http.Caller?.Name ?? throw new InvalidOperationException($"{route.Name} runs only for a signed-in caller.");
        var control = pause
            ? await brakes.PauseAsync(brandId, channel, accountId, by, reason, cancellationToken)
            : await brakes.ResumeAsync(brandId, channel, accountId, by, reason, cancellationToken);
        return TypedResults.Ok(PushControlView.From(brandId, channel, accountId, control));
    }
}
