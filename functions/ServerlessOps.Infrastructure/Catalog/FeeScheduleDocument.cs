using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Catalog;

/// <summary>
/// Every fee rule of one channel: id <c>fees|{channel}</c>, partition <c>{brandId}|catalog</c>. One point read answers
/// "the channel's fees at t" (<see cref="EffectivePeriods.FeesAt"/>); imports merge into it under its ETag.
/// </summary>
public sealed class FeeScheduleDocument
{
    public const string DocumentType = "feeSchedule";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    public required SalesChannel Channel { get; init; }

    public required IReadOnlyList<FeeRule> Rules { get; init; }

    /// <summary>Rows later imports replaced with other terms (<see cref="FeeScheduleVersions"/>); empty in documents written before they were kept.</summary>
    public IReadOnlyList<ReplacedFeeRule> Replaced { get; init; } = [];
}
