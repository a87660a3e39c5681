using System.Text.Json;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// The queue message handing a notification to the sender: which alert, and which of its notifications. A pointer:
/// the sender reads the alert and posts whatever is pending then, so a late or repeated message is harmless.
/// </summary>
public sealed record AlertNotificationMessage(string BrandId, string AlertId, int Sequence)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, _json);

    /// <summary>Parses a message; <see cref="InvalidDataException"/> naming the problem when it is not one of ours.</summary>
    public static AlertNotificationMessage Parse(string json)
    {
        try
        {
            var message = JsonSerializer.Deserialize<AlertNotificationMessage>(json, _json);
            return message is null || string.IsNullOrWhiteSpace(message.BrandId) || string.IsNullOrWhiteSpace(message.AlertId)
                ? throw new InvalidDataException("An alert notification message needs brandId and alertId.")
                : message;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not an alert notification message: {e.Message}", e);
        }
    }
}
