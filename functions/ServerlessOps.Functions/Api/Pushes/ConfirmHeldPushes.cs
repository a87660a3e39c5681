using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Audit;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Api.Pushes;

/// <summary>
/// POST /api/brands/{brandId}/pushes/held/confirm: a person has checked the ledger and lets the held drops to zero go
/// out. Each held listing is queued and pushes the truth as it is then (zero, or what a corrected count gave it); the
/// hold alert is cleared. 409 when nothing is held. The audit entry says how many were released and names the first
/// listings (channel and channel SKU); the hold document's history keeps the same confirmation.
/// </summary>
public sealed class ConfirmHeldPushes(PushBrakes brakes, InventoryPushStore store) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/pushes/held/confirm";

    public static HttpRoute Route { get; } = HttpRoute.Post<ConfirmHeldPushes>(
        Template, RouteAccess.Operations, "Releases the stock pushes held by the mass-drop brake (each sends the truth as it is then); 409 when none is held", "Inventory pushes") with
    {
        Response = typeof(PushHoldView),
        ProblemStatuses = [StatusCodes.Status409Conflict],
    };

    [Function(nameof(ConfirmHeldPushes))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var by = http.Caller?.Name ?? throw new InvalidOperationException($"{Route.Name} runs only for a signed-in caller.");
        var released = await brakes.ConfirmHeldAsync(brandId, by, cancellationToken);
        if (released.Count == 0)
        {
            return Problems.Result(Problems.Conflict, $"Brand '{brandId}' has no held stock pushes to confirm (GET /api/brands/{brandId}/pushes/held lists them).");
        }

        var examples = string.Join(", ", released.Take(5).Select(h => $"{h.Listing.Channel.Slug()}:{h.Listing.ChannelSku}"));
        http.Audit = new AuditNote($"released {released.Count} held drop(s) to zero: {examples}{(released.Count > 5 ? ", …" : string.Empty)}", "inventoryLedger:pushHold");
        return TypedResults.Ok(PushHoldView.From(brandId, await store.GetHoldAsync(brandId, cancellationToken)));
    }
}
