using ServerlessOps.Domain.Ingestion;

namespace ServerlessOps.Functions.Api;

/// <summary>Read API over the channel-event log: what arrived on a day, and what it did.</summary>
public static class ChannelEventsEndpoints
{
    public static RouteGroupBuilder MapChannelEvents(this RouteGroupBuilder brands)
    {
        brands.MapGet("/channel-events", ListAsync)
            .WithName("ListChannelEvents")
            .WithSummary("A brand's channel events received on one UTC day (?day=yyyy-MM-dd&channel=shopify|amazon|walmart|tiktok)")
            .Produces<IReadOnlyList<ChannelEvent>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return brands;
    }

    private static async Task<IResult> ListAsync(string brandId, string? day, string? channel, IChannelEventLog events, CancellationToken cancellationToken)
    {
        if (!ApiParameters.TryParseDay(day, out var parsedDay, out var problem) || !ApiParameters.TryParseChannel(channel, out var parsedChannel, out problem))
        {
            return problem!;
        }

        return TypedResults.Ok(await events.ListAsync(brandId, parsedDay, parsedChannel, cancellationToken));
    }
}
