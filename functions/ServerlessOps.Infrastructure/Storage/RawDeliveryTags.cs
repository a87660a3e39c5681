using System.Globalization;
using Azure.Storage.Blobs;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Blob index tags of a raw delivery: its state and arrival. The tags are the state's only home (since 2026-12-06): a
/// state change is one Set Blob Tags, and the recovery sweep asks the service for the stranded ones (<c>Find Blobs by
/// Tags</c>) instead of listing every delivery ever stored. Before that the state was written twice, into the metadata
/// (then the truth) and into the tags (an index of it), so processing a delivery cost two writes after its upload
/// instead of one. A blob written before tags existed has none: its metadata's <c>state</c> is read instead. One written
/// in between whose tag write was lost (metadata processed, tag still received) now reads as received: the sweep
/// recovers it and processing it again changes nothing (the order keeps every delivery it applied).
/// Set Blob Tags leaves the blob's ETag as it is, so a writer that must not overwrite a state it has not seen (the
/// privacy redactor's rewrite) states the tags it read as a condition (<see cref="StateIs"/>) beside its If-Match.
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

    /// <summary>A tag condition (<c>x-ms-if-tags</c>) that holds while the blob's state is still <paramref name="state"/>.</summary>
    public static string StateIs(RawDeliveryState state) => $"\"{State}\" = '{state}'";

    /// <summary>
    /// The blob's state: from its tags when it has any (<paramref name="tagCount"/>, as a read of the blob reports it), one
    /// request; from the metadata of a blob written before tags existed otherwise.
    /// </summary>
    public static async Task<RawDeliveryState> ReadStateAsync(BlobClient blob, long tagCount, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        if (tagCount <= 0)
        {
            return RawDeliveryMetadata.ReadLegacyState(metadata);
        }

        var tags = (await blob.GetTagsAsync(cancellationToken: cancellationToken)).Value.Tags;
        return tags.TryGetValue(State, out var state) && Enum.TryParse<RawDeliveryState>(state, out var parsed)
            ? parsed
            : RawDeliveryMetadata.ReadLegacyState(metadata);
    }

    /// <summary>Fixed-width UTC, so the service's string comparison orders it as time.</summary>
    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}
