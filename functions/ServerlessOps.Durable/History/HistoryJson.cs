using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessOps.Durable.History;

/// <summary>
/// The one serialiser configuration for history events and task messages. Backends must use it so that
/// every process of a task hub reads what another wrote.
/// </summary>
public static class HistoryJson
{
    /// <summary>Web defaults (camelCase), enums as strings, discriminator accepted anywhere in the object, read-only.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises a history event with its discriminator.</summary>
    /// <param name="historyEvent">The event.</param>
    /// <returns>JSON text.</returns>
    public static string Serialize(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, Options);

    /// <summary>Reads a history event written by <see cref="Serialize(HistoryEvent)"/>.</summary>
    /// <param name="json">JSON text.</param>
    /// <returns>The event.</returns>
    /// <exception cref="JsonException">The text is not a history event.</exception>
    public static HistoryEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize<HistoryEvent>(json, Options) ?? throw new JsonException("History event JSON was 'null'.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            AllowOutOfOrderMetadataProperties = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
