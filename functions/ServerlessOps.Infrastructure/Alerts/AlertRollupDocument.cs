using System.Text.Json.Serialization;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// A brand's <see cref="AlertRollup"/> in container <c>alerts</c>, beside its alerts: id <see cref="RollupId"/>,
/// partition <c>{brandId}</c>. The metrics read this one record per brand; ETag-guarded like every write.
/// </summary>
public sealed class AlertRollupDocument
{
    public const string DocumentType = "alertRollup";
    public const int CurrentSchemaVersion = 1;

    /// <summary>Cannot meet an alert id (those start with <see cref="AlertIds.Prefix"/>).</summary>
    public const string RollupId = "alert-rollup";

    public string Id { get; init; } = RollupId;

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required IReadOnlyDictionary<string, AlertRollupEntry> Entries { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static AlertRollupDocument FromDomain(string brandId, AlertRollup rollup, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        return new AlertRollupDocument { Pk = AlertDocument.PartitionKeyFor(brandId), BrandId = brandId, Entries = rollup.Entries, UpdatedAt = updatedAt };
    }

    public AlertRollup ToDomain()
    {
        CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
        return new AlertRollup { Entries = Entries ?? new Dictionary<string, AlertRollupEntry>() };
    }
}
