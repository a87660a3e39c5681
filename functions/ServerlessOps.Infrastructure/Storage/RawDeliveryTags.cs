using System.Globalization;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Blob index tags of a raw delivery: its state and arrival, so the recovery sweep can ask the service for the
/// stranded ones (<c>Find Blobs by Tags</c>) instead of listing every delivery ever stored. Metadata stays the
/// truth; the tags are an index that may lag it (a failed tag write), which the sweep checks and repairs.
/// </summary>
internal static class RawDeliveryTags
{
    public const string State = "state";
    public const string ReceivedAt = "receivedat";

    public static Dictionary<string, string> For(RawDeliveryState state, DateTimeOffset receivedAt) => new(StringComparer.Ordinal)
    {
        [State] = state.ToString(),
        [ReceivedAt] = Format(receivedAt),
    };

    /// <summary>Tags received before <paramref name="cutoff"/> and still marked received.</summary>
    public static string StrandedQuery(DateTimeOffset cutoff) =>
        $"\"{State}\" = '{RawDeliveryState.Received}' AND \"{ReceivedAt}\" < '{Format(cutoff)}'";

    /// <summary>Fixed-width UTC, so the service's string comparison orders it as time.</summary>
    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}
