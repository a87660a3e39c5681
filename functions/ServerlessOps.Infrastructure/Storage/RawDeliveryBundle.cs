using System.Globalization;
using System.Text;
using System.Text.Json;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Several raw deliveries stored together by the webhook edge (<see cref="DeliveryBundler"/>), so a burst costs the
/// store one write per few webhooks instead of one each: inside its queue message when it fits one
/// (<see cref="DeliveryBundleMessage.Inline"/>), otherwise in a blob of its own. The bundle is the deliveries' durable
/// copy from their acknowledgement until processing has spread them into their own blobs (the de-duplicating,
/// long-lived copies) and deleted the message (and the blob). JSON Lines, one delivery per line, the body
/// base64-encoded: readable with any tool when someone has to look at a stranded one.
/// </summary>
public sealed record RawDeliveryBundle(string BlobName, IReadOnlyList<RawDelivery> Deliveries)
{
    /// <summary>Bundles live beside the deliveries' own blobs under a prefix no brand id can take (brand ids start with a letter or digit).</summary>
    public const string Prefix = "_bundles/";

    /// <summary>The time part of a bundle's name, before the random part.</summary>
    private const string StampFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A new bundle's name: its time first, so a listing shows the oldest first; a random part, so two instances never meet.</summary>
    public static string NewBlobName(DateTimeOffset now) =>
        $"{Prefix}{now.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";

    /// <summary>When a bundle named by <see cref="NewBlobName"/> was written; null for a name it did not make.</summary>
    public static DateTimeOffset? WrittenAt(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        if (!blobName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = blobName.AsSpan(Prefix.Length);
        var stampEnd = name.IndexOf('-');
        return stampEnd > 0 && DateTimeOffset.TryParseExact(name[..stampEnd], StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
    }

    public byte[] ToBytes()
    {
        using var content = new MemoryStream();
        foreach (var delivery in Deliveries)
        {
            JsonSerializer.Serialize(content, Line.From(delivery), Json);
            content.WriteByte((byte)'\n');
        }

        return content.ToArray();
    }

    /// <summary>Reads a bundle back; <see cref="InvalidDataException"/> naming the line when one is not a delivery.</summary>
    public static RawDeliveryBundle Parse(string blobName, ReadOnlySpan<byte> content)
    {
        var lines = Encoding.UTF8.GetString(content).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new RawDeliveryBundle(blobName, [.. lines.Select((line, i) => ReadLine(blobName, i + 1, () => JsonSerializer.Deserialize<Line>(line, Json)))]);
    }

    /// <summary>
    /// Writes the deliveries as a JSON array of the lines <see cref="ToBytes"/> writes, for a bundle that travels inside
    /// its queue message (<see cref="DeliveryBundleMessage"/>): the same format, so one reader serves both copies.
    /// </summary>
    internal void WriteLines(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var delivery in Deliveries)
        {
            JsonSerializer.Serialize(writer, Line.From(delivery), Json);
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads what <see cref="WriteLines"/> wrote; <see cref="InvalidDataException"/> naming the line when one is not a delivery.</summary>
    internal static RawDeliveryBundle ParseLines(string blobName, JsonElement lines)
    {
        if (lines.ValueKind != JsonValueKind.Array || lines.GetArrayLength() == 0)
        {
            throw new InvalidDataException($"Bundle {blobName}: its lines must be a non-empty array of raw deliveries.");
        }

        return new RawDeliveryBundle(blobName, [.. lines.EnumerateArray().Select((line, i) => ReadLine(blobName, i + 1, () => line.Deserialize<Line>(Json)))]);
    }

    private static RawDelivery ReadLine(string blobName, int lineNumber, Func<Line?> read)
    {
        try
        {
            return (read() ?? throw new InvalidDataException("null")).ToDelivery();
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or FormatException)
        {
            throw new InvalidDataException($"Bundle {blobName}, line {lineNumber}: not a raw delivery ({e.Message}).", e);
        }
    }

    /// <summary>Bytes one delivery adds to a bundle, roughly: its body in base64 plus its headers and names.</summary>
    public static int SizeInBundle(RawDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return (delivery.Body.Length * 4 / 3) + delivery.Headers.Sum(h => h.Key.Length + h.Value.Length + 6) + 512;
    }

    private sealed record Line(
        string DeliveryKey,
        string BrandId,
        string Channel,
        string AccountId,
        string DeliveryId,
        string Topic,
        string? EventId,
        DateTimeOffset ReceivedAt,
        string Path,
        Dictionary<string, string> Headers,
        byte[] Body)
    {
        public static Line From(RawDelivery d) => new(
            d.DeliveryKey, d.BrandId, d.Channel.Slug(), d.AccountId, d.DeliveryId, d.Topic, d.EventId, d.ReceivedAt, d.PathAndQuery,
            new Dictionary<string, string>(d.Headers, StringComparer.OrdinalIgnoreCase), d.Body.ToArray());

        public RawDelivery ToDelivery()
        {
            if (string.IsNullOrEmpty(DeliveryKey) || string.IsNullOrEmpty(BrandId) || !SalesChannelNames.TryParseSlug(Channel, out var channel))
            {
                throw new InvalidDataException("deliveryKey, brandId and a known channel are required");
            }

            return new RawDelivery(
                DeliveryKey, BrandId, channel, AccountId, DeliveryId, Topic, EventId, ReceivedAt, Path,
                new Dictionary<string, string>(Headers ?? [], StringComparer.OrdinalIgnoreCase), Body ?? []);
        }
    }
}
