using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Functions.Audit;

namespace ServerlessOps.Functions.Api;

/// <summary>POST /api/brands/{brandId}/quarantine/{deliveryKey}/replay: puts a quarantined delivery back through processing once its cause is fixed.</summary>
public sealed class ReplayQuarantinedDelivery(IQuarantineStore quarantine, DeliveryQueues queue, TimeProvider time) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Post<ReplayQuarantinedDelivery>(
        "api/brands/{brandId}/quarantine/{deliveryKey}/replay", RouteAccess.Operations,
        "Puts a quarantined delivery back through processing; 202 while it runs", "Quarantine") with
    {
        Response = typeof(QuarantinedDelivery),
        SuccessStatus = StatusCodes.Status202Accepted,
        ProblemStatuses = [StatusCodes.Status404NotFound, StatusCodes.Status409Conflict],
    };

    [Function(nameof(ReplayQuarantinedDelivery))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/brands/{brandId}/quarantine/{deliveryKey}/replay")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var deliveryKey = http.RouteValue("deliveryKey");
        var entry = await quarantine.GetAsync(brandId, deliveryKey, cancellationToken);
        if (entry is null)
        {
            return Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no quarantined delivery '{deliveryKey}'.");
        }

        if (entry.Value.State == QuarantineState.Resolved)
        {
            return Problems.Result(Problems.Conflict, $"Delivery '{deliveryKey}' was already replayed successfully at {entry.Value.LastReplayedAt:O}.");
        }

        try
        {
            var updated = entry.Value with { ReplayCount = entry.Value.ReplayCount + 1, LastReplayedAt = time.GetUtcNow() };
            var saved = await quarantine.ReplaceAsync(updated, entry.ETag, cancellationToken);
            http.Audit = new AuditNote($"replay {updated.ReplayCount} queued", $"quarantine:{deliveryKey}", FactKey: $"replay-{updated.ReplayCount}");
            await queue.EnqueueAsync(new DeliveryMessage(updated.RawBlobName, brandId, deliveryKey, DeliveryMessageKind.Replay), cancellationToken: cancellationToken);
            return TypedResults.Accepted($"/api/brands/{brandId}/quarantine?state=open", saved.Value);
        }
        catch (ConcurrencyConflictException)
        {
            return Problems.Result(Problems.Conflict, $"Delivery '{deliveryKey}' changed while the replay was requested (another replay?); read it again and retry.");
        }
    }
}
