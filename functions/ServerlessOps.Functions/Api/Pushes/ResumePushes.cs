using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Api.Pushes;

/// <summary>
/// POST /api/brands/{brandId}/accounts/{channel}/{accountId}/pushes/resume[?reason=]: 
/// Recorded with the caller's name, the time and the reason in the account's push audit. Idempotent.
/// </summary>
public sealed class ResumePushes(PushBrakes brakes) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/accounts/{channel}/{accountId}/pushes/resume";

    public static HttpRoute Route { get; } = HttpRoute.Post<ResumePushes>(
        Template, RouteAccess.Operations, "", "Inventory pushes") with
    {
        Response = typeof(PushControlView),
        ProblemStatuses = [StatusCodes.Status400BadRequest],
        Query = [new QueryParameter("reason", "Why, for the audit (at most 500 characters)")],
    };

    [Function(nameof(ResumePushes))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!PushParameters.TryChannel(http, out var channel, out var problem) || !PushParameters.TryReason(http, out var reason, out problem))
        {
            return problem!;
        }

        var brandId = http.RouteValue("brandId");
        var accountId = http.RouteValue("accountId");
        var by = http.Caller?.Name ?? throw new InvalidOperationException($"{Route.Name} runs only for a signed-in caller.");
        var control = await brakes.ResumeAsync(brandId, channel, accountId, by, reason, cancellationToken);
        return TypedResults.Ok(PushControlView.From(brandId, channel, accountId, control));
    }
}
