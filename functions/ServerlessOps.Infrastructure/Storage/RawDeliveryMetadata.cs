using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Blob metadata layout of a raw delivery: what arrived, and the reason of a quarantine. Its state lives in the blob's
/// index tags (<see cref="RawDeliveryTags"/>); the <c>state</c> key is read only from blobs written before that, which
/// have no tags. Metadata values must be ASCII, so channel-controlled text (delivery ids, topics, headers) is
/// base64-encoded. Azure Storage refuses an upload whose metadata exceeds 8 KiB, and by then the delivery has been
/// acknowledged: the headers kept are chosen against what the other fields leave of that limit, measured as encoded,
/// with room set aside for a quarantine's reason (<see cref="StorableHeaders"/>).
/// </summary>
internal static class RawDeliveryMetadata
{
    public const string Channel = "channel";
    public const string Brand = "brand";
    public const string Account = "account";
    public const string DeliveryId = "deliveryid";
    public const string Topic = "topic";
    public const string EventId = "eventid";
    public const string ReceivedAt = "receivedat";
    /// <summary>The state, as blobs written before 2026-12-06 carry it; no longer written.</summary>
    public const string State = "state";
    public const string Headers = "headers";
    public const string Path = "path";
    public const string Reason = "reason";

    /// <summary>Azure Storage's limit on a blob's metadata, names and values together.</summary>
    public const int MaxMetadataBytes = 8 * 1024;

    /// <summary>A quarantine's reason is cut to this many UTF-8 bytes before it is encoded.</summary>
    private const int MaxReasonUtf8Bytes = 1024;

    /// <summary>What a reason may add to the metadata later: its name and the longest value <see cref="EncodeReason"/> writes.</summary>
    private static readonly int ReasonReserve = Reason.Length + Base64Length(MaxReasonUtf8Bytes);

    /// <summary>
    /// The relaxed encoder escapes only what JSON requires; the JSON travels base64-encoded, never inside HTML, and the
    /// default encoder's escapes (six bytes for a '+') would spend the budget on nothing.
    /// </summary>
    private static readonly JsonSerializerOptions HeadersJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Dictionary<string, string> From(RawDelivery delivery)
    {
        var metadata = FieldsBesideHeaders(delivery);
        metadata[Headers] = EncodeHeaders(HeadersThatFit(delivery.Headers, metadata));
        if (delivery.Reason is not null)
        {
            metadata[Reason] = EncodeReason(delivery.Reason);
        }

        return metadata;
    }

    /// <summary>
    /// The headers of <paramref name="delivery"/> its metadata can hold: the smallest first, as many as fit beside its
    /// other fields and a reason's reserve. A channel's own headers are short (topic, ids, signature, shop), so what
    /// goes when something must is the largest, never the headers a later attempt needs to read the delivery. Already
    /// storable headers come back as they are, so the edge can apply this before processing sees the delivery.
    /// </summary>
    public static IReadOnlyDictionary<string, string> StorableHeaders(RawDelivery delivery) =>
        HeadersThatFit(delivery.Headers, FieldsBesideHeaders(delivery));

    /// <param name="headers">The delivery's headers.</param>
    /// <param name="fields">Its other fields as <see cref="FieldsBesideHeaders"/> encodes them: what the headers share the limit with.</param>
    private static IReadOnlyDictionary<string, string> HeadersThatFit(IReadOnlyDictionary<string, string> headers, Dictionary<string, string> fields)
    {
        var budget = MaxMetadataBytes - ReasonReserve - Size(fields) - Headers.Length;
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var jsonBytes = 2; // {}
        foreach (var (name, value, bytes) in headers
                     .Select(h => (h.Key, h.Value, Bytes: JsonStringBytes(h.Key) + 1 + JsonStringBytes(h.Value)))
                     .OrderBy(h => h.Bytes)
                     .ThenBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            var withThis = jsonBytes + bytes + (kept.Count > 0 ? 1 : 0);
            if (Base64Length(withThis) > budget)
            {
                break;
            }

            kept[name] = value;
            jsonBytes = withThis;
        }

        return kept.Count == headers.Count ? headers : kept;
    }

    /// <summary>Every field but the headers and the reason.</summary>
    private static Dictionary<string, string> FieldsBesideHeaders(RawDelivery delivery)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [Channel] = delivery.Channel.Slug(),
            [Brand] = Encode(delivery.BrandId),
            [Account] = Encode(delivery.AccountId),
            [DeliveryId] = Encode(delivery.DeliveryId),
            [Topic] = Encode(delivery.Topic),
            [ReceivedAt] = delivery.ReceivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            [Path] = Encode(delivery.PathAndQuery),
        };
        if (delivery.EventId is not null)
        {
            metadata[EventId] = Encode(delivery.EventId);
        }

        return metadata;
    }

    /// <summary>Bytes the service counts for <paramref name="metadata"/>: names and values (all ASCII).</summary>
    public static int Size(IReadOnlyDictionary<string, string> metadata) => metadata.Sum(m => m.Key.Length + m.Value.Length);

    /// <param name="deliveryKey">The delivery's key (the blob name's last segment).</param>
    /// <param name="metadata">The blob's metadata.</param>
    /// <param name="body">The blob's content.</param>
    /// <param name="state">The blob's state, as <see cref="RawDeliveryTags.ReadStateAsync"/> read it.</param>
    public static RawDelivery ToDelivery(string deliveryKey, IDictionary<string, string> metadata, ReadOnlyMemory<byte> body, RawDeliveryState state)
    {
        if (!SalesChannelNames.TryParseSlug(Get(metadata, Channel), out var channel))
        {
            throw new InvalidDataException($"Raw delivery {deliveryKey} has no valid '{Channel}' metadata.");
        }

        return new RawDelivery(
            deliveryKey,
            ReadBrand(metadata),
            channel,
            Decode(Get(metadata, Account)),
            Decode(Get(metadata, DeliveryId)),
            Decode(Get(metadata, Topic)),
            metadata.TryGetValue(EventId, out var eventId) ? Decode(eventId) : null,
            ReadReceivedAt(metadata),
            Decode(Get(metadata, Path)),
            DecodeHeaders(Get(metadata, Headers)),
            body,
            state,
            metadata.TryGetValue(Reason, out var reason) ? Decode(reason) : null);
    }

    /// <summary>The state of a blob written before the state moved to its tags; Received when there is none.</summary>
    public static RawDeliveryState ReadLegacyState(IDictionary<string, string> metadata) =>
        metadata.TryGetValue(State, out var state) && Enum.TryParse<RawDeliveryState>(state, out var parsed)
            ? parsed
            : RawDeliveryState.Received;

    public static string ReadBrand(IDictionary<string, string> metadata) => Decode(Get(metadata, Brand));

    public static DateTimeOffset ReadReceivedAt(IDictionary<string, string> metadata) =>
        DateTimeOffset.Parse(Get(metadata, ReceivedAt), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string Encode(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    /// <summary>A reason, cut to the bytes <see cref="ReasonReserve"/> keeps for it (never inside a character).</summary>
    public static string EncodeReason(string reason)
    {
        var bytes = Encoding.UTF8.GetBytes(reason);
        if (bytes.Length <= MaxReasonUtf8Bytes)
        {
            return Convert.ToBase64String(bytes);
        }

        var cut = MaxReasonUtf8Bytes;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
        {
            cut--; // bytes[cut] continues a character begun before it: cut before that character instead.
        }

        return Convert.ToBase64String(bytes, 0, cut);
    }

    private static string Decode(string value) => Encoding.UTF8.GetString(Convert.FromBase64String(value));

    private static string Get(IDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException($"Raw delivery metadata '{key}' is missing.");

    private static string EncodeHeaders(IReadOnlyDictionary<string, string> headers) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(headers, HeadersJson));

    /// <summary>A JSON string's UTF-8 length as <see cref="HeadersJson"/> writes it, quotes included.</summary>
    private static int JsonStringBytes(string value) =>
        JsonEncodedText.Encode(value, HeadersJson.Encoder).EncodedUtf8Bytes.Length + 2;

    private static int Base64Length(int bytes) => (bytes + 2) / 3 * 4;

    private static Dictionary<string, string> DecodeHeaders(string value) =>
        new(
            JsonSerializer.Deserialize<Dictionary<string, string>>(Convert.FromBase64String(value)) ?? [],
            StringComparer.OrdinalIgnoreCase);
}
