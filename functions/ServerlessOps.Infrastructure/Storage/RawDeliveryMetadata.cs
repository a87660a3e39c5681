using System.Globalization;
using System.Text;
using System.Text.Json;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Blob metadata layout of a raw delivery: what arrived, and the reason of a quarantine. Its state lives in the blob's
/// index tags (<see cref="RawDeliveryTags"/>); the <c>state</c> key is read only from blobs written before that, which
/// have no tags. Metadata values must be ASCII, so channel-controlled text (delivery ids, topics, headers) is
/// base64-encoded; the headers JSON is capped so the 8 KiB metadata limit of Azure Storage can never fail an upload.
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

    private const int MaxHeadersJsonBytes = 4096;
    private const int MaxReasonBytes = 1024;

    public static Dictionary<string, string> From(RawDelivery delivery)
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
            [Headers] = EncodeHeaders(delivery.Headers),
        };
        if (delivery.EventId is not null)
        {
            metadata[EventId] = Encode(delivery.EventId);
        }

        if (delivery.Reason is not null)
        {
            metadata[Reason] = EncodeReason(delivery.Reason);
        }

        return metadata;
    }

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

    /// <summary>A reason, capped so it cannot push the metadata past the service's 8 KiB limit.</summary>
    public static string EncodeReason(string reason) => Encode(Truncate(reason, MaxReasonBytes));

    private static string Decode(string value) => Encoding.UTF8.GetString(Convert.FromBase64String(value));

    private static string Get(IDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException($"Raw delivery metadata '{key}' is missing.");

    private static string EncodeHeaders(IReadOnlyDictionary<string, string> headers)
    {
        var kept = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var size = 2;
        foreach (var (name, value) in headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            size += name.Length + value.Length + 6;
            if (size > MaxHeadersJsonBytes)
            {
                break;
            }

            kept[name] = value;
        }

        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(kept));
    }

    private static Dictionary<string, string> DecodeHeaders(string value) =>
        new(
            JsonSerializer.Deserialize<Dictionary<string, string>>(Convert.FromBase64String(value)) ?? [],
            StringComparer.OrdinalIgnoreCase);

    private static string Truncate(string value, int maxLength) =>
        value.Length <= maxLength ? value : value[..maxLength];
}
