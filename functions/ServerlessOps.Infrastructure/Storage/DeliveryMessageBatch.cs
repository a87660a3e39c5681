using System.Text;
using System.Text.Json;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// One or more <see cref="DeliveryMessage"/>s processed together: the deliveries of a spread bundle, or what a queue
/// message names. A message holding a bare <see cref="DeliveryMessage"/> object (what the sweep, replays and split-out
/// retries send) is a batch of one; a <c>deliveries</c> array is what versions before bundles sent, and is still read.
/// </summary>
public sealed record DeliveryMessageBatch(IReadOnlyList<DeliveryMessage> Deliveries)
{
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
