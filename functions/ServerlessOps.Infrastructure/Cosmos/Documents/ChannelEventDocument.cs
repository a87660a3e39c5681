using System.Text.Json.Serialization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;

namespace ServerlessOps.Infrastructure.Cosmos.Documents;

/// <summary>
/// A <see cref="ChannelEvent"/> in container <c>channelEvents</c>: id = delivery key, partition
/// <c>{brandId}|{yyyy-MM-dd}</c> (UTC day received), so one brand's day is one partition and a busy brand
/// spreads over days instead of growing one partition forever.
/// </summary>
public sealed class ChannelEventDocument
{
    public const string DocumentType = "channelEvent";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    /// <summary><c>{brandId}|{yyyy-MM-dd}</c>.</summary>
    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Received-at in sortable UTC.</summary>
    public required string ReceivedAt { get; init; }

    /// <summary>Channel slug.</summary>
    public required string Channel { get; init; }

    public required DeliveryOutcome Outcome { get; init; }

    public required ChannelEvent Event { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId, DateOnly receivedDay) => $"{brandId}|{CosmosValues.Day(receivedDay)}";

    public static ChannelEventDocument FromDomain(ChannelEvent channelEvent)
    {
        ArgumentNullException.ThrowIfNull(channelEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(channelEvent.BrandId);
        return new ChannelEventDocument
        {
            Id = CosmosIds.Encode(channelEvent.DeliveryKey),
            Pk = PartitionKeyFor(channelEvent.BrandId, channelEvent.ReceivedDay),
            BrandId = channelEvent.BrandId,
            ReceivedAt = CosmosValues.SortableUtc(channelEvent.ReceivedAt),
            Channel = channelEvent.Channel.Slug(),
            Outcome = channelEvent.Outcome,
            Event = channelEvent,
        };
    }

    public ChannelEvent ToDomain()
    {
        CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
        return Event;
    }
}
