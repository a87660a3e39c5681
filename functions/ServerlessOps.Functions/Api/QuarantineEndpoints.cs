using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Api;

/// <summary>Quarantined deliveries: list them, and replay one once its cause is fixed.</summary>
public static class QuarantineEndpoints
{
    public static RouteGroupBuilder MapQuarantine(this RouteGroupBuilder brands)
    {
        brands.MapGet("/quarantine", ListAsync)
            .WithName("ListQuarantine")
            .WithSummary("A brand's quarantined deliveries, newest first (?state=open|resolved)")
            .Produces<IReadOnlyList<QuarantinedDelivery>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        brands.MapPost("/quarantine/{deliveryKey}/replay", ReplayAsync)
            .WithName("ReplayQuarantinedDelivery")
            .WithSummary("Puts a quarantined delivery back through processing; 202 while it runs")
            .Produces<QuarantinedDelivery>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return brands;
    }

    private static async Task<IResult> ListAsync(string brandId, string? state, IQuarantineStore quarantine, CancellationToken cancellationToken)
    {
        QuarantineState? filter = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<QuarantineState>(state, ignoreCase: true, out var parsed))
            {
                return Problems.Result(Problems.InvalidParameter, $"Query parameter 'state' must be 'open' or 'resolved'; received '{state}'.");
            }

            filter = parsed;
        }

        return TypedResults.Ok(await quarantine.ListAsync(brandId, filter, cancellationToken));
    }

    private static async Task<IResult> ReplayAsync(
        string brandId,
        string deliveryKey,
        IQuarantineStore quarantine,
        DeliveryQueues queue,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
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
            await queue.EnqueueAsync(new DeliveryMessage(updated.RawBlobName, brandId, deliveryKey, DeliveryMessageKind.Replay), cancellationToken: cancellationToken);
            return TypedResults.Accepted($"/api/brands/{brandId}/quarantine?state=open", saved.Value);
        }
        catch (ConcurrencyConflictException)
        {
            return Problems.Result(Problems.Conflict, $"Delivery '{deliveryKey}' changed while the replay was requested (another replay?); read it again and retry.");
        }
    }
}
