using System.Text;
using System.Text.Json;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// What one queue message carries: one or more <see cref="DeliveryMessage"/>s. The webhook edge group-commits
/// concurrent acknowledgements into a single message (see <see cref="DeliveryBatcher"/>), which halves the storage
/// calls per webhook under load. A message holding a bare <see cref="DeliveryMessage"/> object (what the sweep,
/// replays and earlier versions send) is a batch of one.
/// </summary>
public sealed record DeliveryMessageBatch(IReadOnlyList<DeliveryMessage> Deliveries)
{
    /// <summary>At most this many deliveries share a message.</summary>
    public const int MaxDeliveries = 32;

    /// <summary>
    /// UTF-8 bytes of JSON allowed in one message: 32 KiB is about 43 KiB once base64-encoded, well inside the
    /// queue's 64 KiB limit whatever lengths the channel's delivery ids come in.
    /// </summary>
    public const int MaxJsonBytes = 32 * 1024;

    /// <summary>
    /// A batch of one is written as the bare <see cref="DeliveryMessage"/>: what every reader of the queue, old
    /// or new, understands.
    /// </summary>
    public string ToJson()
    {
        if (Deliveries.Count == 1)
        {
            return Deliveries[0].ToJson();
        }

        var builder = new StringBuilder("{\"deliveries\":[");
        for (var i = 0; i < Deliveries.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",").Append(Deliveries[i].ToJson());
        }

        return builder.Append("]}").ToString();
    }

    /// <summary>The bytes <paramref name="message"/> adds to a batch's JSON (its own JSON plus a separator).</summary>
    public static int SizeInBatch(DeliveryMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Encoding.UTF8.GetByteCount(message.ToJson()) + 1;
    }

    /// <summary>Parses a message; <see cref="InvalidDataException"/> naming the problem when it is not one of ours.</summary>
    public static DeliveryMessageBatch Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a delivery message: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("A delivery message must be a JSON object.");
            }

            if (!document.RootElement.TryGetProperty("deliveries", out var deliveries))
            {
                return new DeliveryMessageBatch([DeliveryMessage.Parse(json)]);
            }

            if (deliveries.ValueKind != JsonValueKind.Array || deliveries.GetArrayLength() == 0)
            {
                throw new InvalidDataException("'deliveries' must be a non-empty array of delivery messages.");
            }

            return new DeliveryMessageBatch([.. deliveries.EnumerateArray().Select(d => DeliveryMessage.Parse(d.GetRawText()))]);
        }
    }
}
