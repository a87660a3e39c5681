using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessOps.Durable.Orchestration;

/// <summary>The default <see cref="DataConverter"/>: System.Text.Json with web defaults (camelCase,
/// case-insensitive reads) and enums as strings.</summary>
public sealed class JsonDataConverter : DataConverter
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a converter over <paramref name="options"/>, or the defaults when null.</summary>
    /// <param name="options">Serializer options; defaults to web defaults with string enums.</param>
    public JsonDataConverter(JsonSerializerOptions? options = null)
    {
        _options = options ?? CreateDefaultOptions();
    }

    /// <summary>The shared default instance.</summary>
    public static JsonDataConverter Default { get; } = new();

    /// <inheritdoc/>
    public override string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), _options);

    /// <inheritdoc/>
    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        return data is null ? null : JsonSerializer.Deserialize(data, targetType, _options);
    }

    private static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
