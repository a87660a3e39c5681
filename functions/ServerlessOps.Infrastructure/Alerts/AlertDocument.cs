using System.Text.Json.Serialization;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// An <see cref="Alert"/> in container <c>alerts</c>: id the alert's deterministic id, partition <c>{brandId}</c>.
/// The alert sits in <see cref="Alert"/> as is; <see cref="Kind"/>, <see cref="State"/>, <see cref="NotifyPending"/>,
/// <see cref="LastSeen"/> and <see cref="StateChangedAt"/> are copies for the brand's single-partition queries.
/// </summary>
/// <remarks>
/// Partitioned by brand rather than brand and month: an alert is one record per problem for its whole life (an
/// SLA miss open across a month end is still one alert), the hot reads are a brand's unresolved alerts and its
/// rollup, both in one partition, and de-duplication keeps the volume to distinct problems, far below a logical
/// partition's 20 GB (a million alerts of ~4 KB).
/// </remarks>
public sealed class AlertDocument
{
    public const string DocumentType = "alert";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    /// <summary>The brand id.</summary>
    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Readable key the id is the hash of: brand, kind slug, subject.</summary>
    public required string DedupeKey { get; init; }

    /// <summary>The kind's slug.</summary>
    public required string Kind { get; init; }

    public required AlertState State { get; init; }

    /// <summary>Whether a notification awaits delivery: what the retry timer queries.</summary>
    public required bool NotifyPending { get; init; }

    /// <summary>Sortable UTC (<see cref="CosmosValues.SortableUtc"/>): the order of a brand's list.</summary>
    public required string LastSeen { get; init; }

    /// <summary>Sortable UTC copy of <see cref="Alert.StateChangedAt"/> (null on records written before it was kept): what the counts' recount looks back by.</summary>
    public string? StateChangedAt { get; init; }

    public required Alert Alert { get; init; }

    /// <summary>Set by Cosmos on read; never written.</summary>
    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId) => brandId;

    public static AlertDocument FromDomain(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertDocument
        {
            Id = alert.Id,
            Pk = PartitionKeyFor(alert.BrandId),
            BrandId = alert.BrandId,
            DedupeKey = alert.DedupeKey,
            Kind = alert.Kind.Slug(),
            State = alert.State,
            NotifyPending = alert.Notification.Pending,
            LastSeen = CosmosValues.SortableUtc(alert.LastSeen),
            StateChangedAt = alert.StateChangedAt is { } changedAt ? CosmosValues.SortableUtc(changedAt) : null,
            Alert = alert,
        };
    }

    public Alert ToDomain()
    {
        CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
        return Alert;
    }
}
