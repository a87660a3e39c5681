using ServerlessOps.Domain.Inventory.Drift;
using ServerlessOps.Infrastructure.Drift;

namespace ServerlessOps.Functions.Api.Drift;

/// <summary>A brand's listings as the drift checker last read them, with each one's repairs.</summary>
public sealed record DriftView(string BrandId, IReadOnlyList<DriftEntryView> Entries)
{
    public static DriftView From(string brandId, IReadOnlyList<ListingDriftDocument> documents) =>
        new(brandId, [.. documents.Select(DriftEntryView.From)]);
}

/// <summary>
/// One listing: what the channel showed on the last read (quantity, price, its note, or why the read failed), the
/// truth it was compared with (what we had last pushed), a first observation waiting for its second read
/// (<c>firstSeen</c>), the last repair and the audit of every repair (what the channel said, what we pushed, why, when).
/// </summary>
public sealed record DriftEntryView(
    string Sku,
    string Channel,
    string ChannelSku,
    DateTimeOffset? LastReadAt,
    int? ChannelQuantity,
    decimal? ChannelPrice,
    int? Truth,
    string? Note,
    string? ReadError,
    DriftObservation? FirstSeen,
    DateTimeOffset? RepairedAt,
    int RepairsInWindow,
    int Converged,
    bool PriceBelowFloor,
    IReadOnlyList<DriftAuditEntry> Audit)
{
    public static DriftEntryView From(ListingDriftDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Sku, d.Channel.ToString(), d.ChannelSku, d.LastReadAt, d.LastChannelQuantity, d.LastChannelPrice, d.LastExpected, d.LastNote, d.LastReadError,
            d.Pending, d.RepairedAt, d.RecentRepairs.Count, d.Converged, d.PriceBelowFloor, d.Audit);
    }
}
