using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Api.Pushes;

/// <summary>
/// POST /api/brands/{brandId}/accounts/{channel}/{accountId}/pushes/resume[?reason=]: 
/// Recorded with the caller's name, the time and the reason in the account's push audit. Idempotent.
/// </summary>
public sealed class ResumePushes(IBrandRegistry registry, PushBrakes brakes) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/accounts/{channel}/{accountId}/pushes/resume";

    public static HttpRoute Route { get; } = PushBrakeRoute.Create<ResumePushes>(Template);

    [Function(nameof(ResumePushes))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken) =>
        PushBrakeRoute.HandleAsync(http, Route, registry, brakes, pause: false, cancellationToken);
}
