using System.Text.Json.Serialization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;

namespace ServerlessOps.Infrastructure.Cosmos.Documents;

/// <summary>A <see cref="QuarantinedDelivery"/> in container <c>quarantine</c>: id = delivery key, partition <c>{brandId}</c>.</summary>
public sealed class QuarantineDocument
{
    public const string DocumentType = "quarantinedDelivery";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    /// <summary>The brand id.</summary>
    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary><see cref="QuarantineState"/> member name, for the state filter.</summary>
    public required string State { get; init; }

    /// <summary>Quarantined-at in sortable UTC.</summary>
    public required string QuarantinedAt { get; init; }

    /// <summary>Channel slug.</summary>
    public required string Channel { get; init; }

    public required QuarantinedDelivery Delivery { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId) => brandId;

    public static string StateValue(QuarantineState state) => state.ToString();

    public static QuarantineDocument FromDomain(QuarantinedDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentException.ThrowIfNullOrWhiteSpace(delivery.BrandId);
        return new QuarantineDocument
        {
            Id = CosmosIds.Encode(delivery.DeliveryKey),
            Pk = PartitionKeyFor(delivery.BrandId),
            BrandId = delivery.BrandId,
            State = StateValue(delivery.State),
            QuarantinedAt = CosmosValues.SortableUtc(delivery.QuarantinedAt),
            Channel = delivery.Channel.Slug(),
            Delivery = delivery,
        };
    }

    public QuarantinedDelivery ToDomain()
    {
        CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
        return Delivery;
    }
}
