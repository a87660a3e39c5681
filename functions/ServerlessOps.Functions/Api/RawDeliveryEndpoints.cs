using System.Text;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Api;

/// <summary>Inspection of a stored raw delivery: body exactly as received, kept headers, state.</summary>
public static class RawDeliveryEndpoints
{
    public static RouteGroupBuilder MapRawDeliveries(this RouteGroupBuilder brands)
    {
        brands.MapGet("/deliveries/{channel}/{deliveryKey}", GetAsync)
            .WithName("GetRawDelivery")
            .WithSummary("A raw delivery as stored (the order's and event log's rawBlobName is '{brand}/{channel}/{deliveryKey}')")
            .Produces<RawDeliveryView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return brands;
    }

    private static async Task<IResult> GetAsync(string brandId, string channel, string deliveryKey, RawDeliveryStore raw, CancellationToken cancellationToken)
    {
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
