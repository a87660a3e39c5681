using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// The queue message pointing at a stored raw delivery. Small on purpose: the payload stays in the blob,
/// so a message never nears the 64 KiB queue limit whatever the channel sent.
/// </summary>
/// <param name="BlobName">The delivery's own blob.</param>
/// <param name="BrandId">The brand it belongs to.</param>
/// <param name="DeliveryKey">The delivery's key (one per delivery, whatever the copy).</param>
/// <param name="Kind">Why it is on the queue.</param>
/// <param name="Arrival">
/// For a repeat: what brought this copy (<see cref="ArrivalIn"/>: its bundle and its place there), which tells it from the
/// delivery's other repeats, so it is counted once however often its message runs. Null for a first copy, and in messages
/// written before messages named it (which still parse, and are counted under <see cref="UnnamedArrival"/>).
/// </param>
public sealed record DeliveryMessage(
    string BlobName,
    string BrandId,
    string DeliveryKey,
    DeliveryMessageKind Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Arrival = null)
{
    /// <summary>
    /// What a repeat whose message names no <see cref="Arrival"/> is counted under: such messages (batches split from
    /// their bundle by versions before arrivals were named) share this one key per delivery, so a run again counts nothing;
    /// the poison handler already counted them under it.
    /// </summary>
    public const string UnnamedArrival = "split from its bundle";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>What this copy, if a repeat, is counted once under: its <see cref="Arrival"/>, or <see cref="UnnamedArrival"/>.</summary>
    [JsonIgnore]
    public string RepeatKey => Arrival ?? UnnamedArrival;

    /// <summary>
    /// The arrival of the delivery at <paramref name="index"/> in the bundle <paramref name="bundleBlobName"/>: a bundle's
    /// content never changes, so every run of its message names each copy alike, and two copies in one bundle apart.
    /// </summary>
    public static string ArrivalIn(string bundleBlobName, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{bundleBlobName}#{index}");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a message; <see cref="InvalidDataException"/> naming the problem when it is not one of ours.</summary>
    public static DeliveryMessage Parse(string json)
    {
        try
        {
            var message = JsonSerializer.Deserialize<DeliveryMessage>(json, Json);
            if (message is null || string.IsNullOrEmpty(message.BlobName) || string.IsNullOrEmpty(message.DeliveryKey) || string.IsNullOrEmpty(message.BrandId))
            {
                throw new InvalidDataException("A delivery message needs blobName, brandId and deliveryKey.");
            }

            return message;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a delivery message: {e.Message}", e);
        }
    }
}
