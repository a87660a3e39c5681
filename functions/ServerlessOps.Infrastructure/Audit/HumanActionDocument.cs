using System.Globalization;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Audit;

namespace ServerlessOps.Infrastructure.Audit;

/// <summary>
/// One <see cref="HumanAction"/> in container <c>auditLog</c>, partition <c>{brandId}|{yyyy-MM}</c>: a brand's month
/// of human actions (a few hundred at most) is one logical partition, so the day route is one single-partition query
/// and no partition grows without bound. The id is the caller's deterministic one (<see cref="IHumanActionLog.RecordAsync"/>).
/// Never changed after it is written.
/// </summary>
public sealed record HumanActionDocument
{
    public const string DocumentType = "humanAction";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    /// <summary>yyyy-MM-dd (UTC), the day route's filter.</summary>
    public required string Day { get; init; }

    public required string BrandId { get; init; }

    public required string Kind { get; init; }

    public required string Subject { get; init; }

    public required string Detail { get; init; }

    public required string By { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Route { get; init; }

    public string? Reference { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId, DateTimeOffset at) =>
        $"{brandId}|{at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    public static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static HumanActionDocument From(HumanAction action, string id) => new()
    {
        Id = id,
        Pk = PartitionKeyFor(action.BrandId, action.At),
        Day = DayText(action.Day),
        BrandId = action.BrandId,
        Kind = action.Kind,
        Subject = action.Subject,
        Detail = action.Detail,
        By = action.By,
        Roles = action.Roles,
        At = action.At,
        Route = action.Route,
        Reference = action.Reference,
    };

    public HumanAction ToAction() => new()
    {
        BrandId = BrandId,
        Kind = Kind,
        Subject = Subject,
        Detail = Detail,
        By = By,
        Roles = Roles,
        At = At,
        Route = Route,
        Reference = Reference,
    };
}
