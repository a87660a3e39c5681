using System.Text;
using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Api;

/// <summary>GET /api/brands/{brandId}/deliveries/{channel}/{deliveryKey}: a raw delivery as stored (body as received, kept headers, state).</summary>
public sealed class GetRawDelivery(RawDeliveryStore raw) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetRawDelivery>(
        "api/brands/{brandId}/deliveries/{channel}/{deliveryKey}", RouteAccess.Operations,
        "A raw delivery as stored (the order's and event log's rawBlobName is '{brand}/{channel}/{deliveryKey}')", "Deliveries") with
    {
        Response = typeof(RawDeliveryView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetRawDelivery))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/deliveries/{channel}/{deliveryKey}")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var channel = http.RouteValue("channel");
        var deliveryKey = http.RouteValue("deliveryKey");
        if (!ApiParameters.TryParseChannel(channel, out var parsed, out var problem))
        {
            return problem!;
        }

        var delivery = await raw.GetAsync(RawDelivery.BlobNameFor(brandId, parsed!.Value, deliveryKey), cancellationToken);
        return delivery is null
            ? Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no {channel} delivery '{deliveryKey}'.")
            : TypedResults.Ok(new RawDeliveryView(
                delivery.DeliveryKey,
                delivery.Channel.ToString(),
                delivery.DeliveryId,
                delivery.Topic,
                delivery.ReceivedAt,
                delivery.State.ToString(),
                delivery.Reason,
                delivery.Headers,
                Encoding.UTF8.GetString(delivery.Body.Span)));
    }
}
