using System.Text.Json.Serialization;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// A brand's <see cref="AlertRollup"/> in container <c>alerts</c>, beside its alerts: id <see cref="RollupId"/>,
/// partition <c>{brandId}</c>. The metrics read this one record per brand; ETag-guarded like every write.
/// </summary>
/// <remarks>
/// Schema 1 kept one entry per alert (<see cref="Entries"/>), so it grew with the brand's unresolved alerts towards
/// Cosmos's 2 MB record limit. It is read as its counts (<see cref="AlertRollup.FromEntries"/>) and the next write
/// stores schema 2: <see cref="Counted"/> and <see cref="Recent"/>.
/// </remarks>
public sealed class AlertRollupDocument
{
    public const string DocumentType = "alertRollup";
    public const int CurrentSchemaVersion = 2;

    /// <summary>Cannot meet an alert id (those start with <see cref="AlertIds.Prefix"/>).</summary>
    public const string RollupId = "alert-rollup";

    public string Id { get; init; } = RollupId;

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Schema 1 only: one entry per alert.</summary>
    public IReadOnlyDictionary<string, AlertRollupEntry>? Entries { get; init; }

    /// <summary>Schema 2: <see cref="AlertRollup.Counted"/>.</summary>
    public IReadOnlyList<AlertCount>? Counted { get; init; }

    /// <summary>Schema 2: <see cref="AlertRollup.Recent"/>.</summary>
    public IReadOnlyDictionary<string, AlertRollupChanges>? Recent { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static AlertRollupDocument FromDomain(string brandId, AlertRollup rollup, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        return new AlertRollupDocument
        {
            Pk = AlertDocument.PartitionKeyFor(brandId),
            BrandId = brandId,
            Counted = rollup.Counted,
            Recent = rollup.Recent,
            UpdatedAt = updatedAt,
        };
    }

    /// <param name="now">Which schema-1 entries are recent enough to be remembered as counted.</param>
    public AlertRollup ToDomain(DateTimeOffset now)
    {
        CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
        return SchemaVersion == 1
            ? AlertRollup.FromEntries(Entries ?? new Dictionary<string, AlertRollupEntry>(), now)
            : new AlertRollup { Counted = Counted ?? [], Recent = Recent ?? new Dictionary<string, AlertRollupChanges>() };
    }
}
