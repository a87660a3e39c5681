using System.Globalization;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>
/// A brand's backstop rollup for one UTC day, per channel slug, in container <c>leases</c> beside the watermarks: id
/// <c>backstop-day|{yyyy-MM-dd}</c>, partition <c>backstop|{brandId}</c>, ETag-guarded. What the API route
/// <c>GET /api/brands/{brandId}/backstop?day=</c> answers and the daily report reads.
/// </summary>
public sealed class BackstopDayDocument
{
    public const string DocumentType = "backstopDay";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    /// <summary>yyyy-MM-dd (UTC).</summary>
    public required string Day { get; init; }

    public required IReadOnlyDictionary<string, BackstopChannelDay> Channels { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public static string IdFor(DateOnly day) => $"backstop-day|{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
