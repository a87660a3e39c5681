using ServerlessOps.Domain.Privacy;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>
/// What one run of a privacy request did so far: its counts, the blobs already handled (an order and a listing can
/// both name one), and the values it erased (personal data, held in memory only, to scrub copies quoted in free text).
/// </summary>
internal sealed class PrivacyWork
{
    public HashSet<string> BlobsHandled { get; } = new(StringComparer.Ordinal);

    public HashSet<string> ErasedValues { get; } = new(StringComparer.Ordinal);

    public int OrdersFound { get; set; }

    public int OrdersNotFound { get; set; }

    public int OrdersRedacted { get; set; }

    public int RawDeliveriesRedacted { get; set; }

    public int QuarantineEntriesScrubbed { get; set; }

    public int ChannelEventsScrubbed { get; set; }

    public int FieldsErased { get; set; }

    public int OrdersExported { get; set; }

    public PrivacyRequestCounts ToCounts() => new()
    {
        OrdersFound = OrdersFound,
        OrdersNotFound = OrdersNotFound,
        OrdersRedacted = OrdersRedacted,
        RawDeliveriesRedacted = RawDeliveriesRedacted,
        QuarantineEntriesScrubbed = QuarantineEntriesScrubbed,
        ChannelEventsScrubbed = ChannelEventsScrubbed,
        FieldsErased = FieldsErased,
        OrdersExported = OrdersExported,
    };
}
