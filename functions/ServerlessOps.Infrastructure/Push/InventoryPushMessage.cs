using System.Text.Json;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>"Push this listing": which one only; the worker reads everything else as it stands when it runs.</summary>
public sealed record InventoryPushMessage(string BrandId, string Sku, SalesChannel Channel, string ChannelSku)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, _json);

    /// <exception cref="InvalidDataException">Not a push message.</exception>
    public static InventoryPushMessage Parse(string text)
    {
        try
        {
            var message = JsonSerializer.Deserialize<InventoryPushMessage>(text, _json);
            if (message is null || string.IsNullOrWhiteSpace(message.BrandId) || string.IsNullOrWhiteSpace(message.Sku)
                || string.IsNullOrWhiteSpace(message.ChannelSku) || !Enum.IsDefined(message.Channel))
            {
                throw new InvalidDataException("An inventory push message needs brandId, sku, channel and channelSku.");
            }

            return message;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"An inventory push message is JSON with brandId, sku, channel and channelSku: {e.Message}", e);
        }
    }
}
