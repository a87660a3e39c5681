using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// The queue message pointing at a stored raw delivery. Small on purpose: the payload stays in the blob,
/// so a message never nears the 64 KiB queue limit whatever the channel sent.
/// </summary>
public sealed record DeliveryMessage(string BlobName, string BrandId, string DeliveryKey, DeliveryMessageKind Kind)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

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
