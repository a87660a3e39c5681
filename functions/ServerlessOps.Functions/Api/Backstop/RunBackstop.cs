using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Backstop;

namespace ServerlessOps.Functions.Api.Backstop;

/// <summary>
/// POST /api/brands/{brandId}/backstop/run: runs the missed-webhook backstop for the brand's accounts now, as the timer
/// would, and answers what it did per account (on-call: "did we miss anything?" without waiting for the next run).
/// Safe beside the timer: converging is idempotent and watermarks are ETag-guarded.
/// </summary>
public sealed class RunBackstop(MissedWebhookBackstop backstop) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Post<RunBackstop>(
        "api/brands/{brandId}/backstop/run", RouteAccess.Operations,
        "Runs the missed-webhook backstop for the brand's channel accounts now; what each account's run listed, recovered and found late", "Backstop") with
    {
        Response = typeof(BackstopRunReport),
        UsesDurableClient = true,
    };

    [Function(nameof(RunBackstop))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/brands/{brandId}/backstop/run")] HttpRequest request, [DurableClient] Microsoft.DurableTask.Client.DurableTaskClient client) =>
        Route.DispatchAsync(request.HttpContext, this, client);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await backstop.RunAsync(http.RouteValue("brandId"), cancellationToken));
}
