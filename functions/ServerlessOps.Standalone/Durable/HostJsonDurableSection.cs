using System.Globalization;
using System.Text.Json;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// Reads <c>extensions.durableTask</c> from a host.json file as flat key/value pairs, property names matched without
/// regard to case as the Functions host does. Comments and trailing commas are allowed, as in the host's own reader.
/// </summary>
internal static class HostJsonDurableSection
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The values below <c>extensions.durableTask</c>; none when the file has no such section.</summary>
    /// <exception cref="DurableTaskSettingsException">The file is missing or is not valid JSON.</exception>
    public static IReadOnlyList<ConfiguredValue> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new DurableTaskSettingsException(
                $"host.json not found at '{path}'. The standalone host reads extensions.durableTask from the same host.json " +
                "the Functions app deploys; copy it to the output folder or pass its path.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), ParseOptions);
        }
        catch (JsonException e)
        {
            throw new DurableTaskSettingsException($"host.json at '{path}' is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var values = new List<ConfiguredValue>();
            if (TryGetProperty(document.RootElement, "extensions", out var extensions)
                && TryGetProperty(extensions, "durableTask", out var durableTask))
            {
                if (durableTask.ValueKind != JsonValueKind.Object)
                {
                    throw new DurableTaskSettingsException($"host.json at '{path}': extensions.durableTask must be an object, not {durableTask.ValueKind}.");
                }

                Flatten(durableTask, prefix: null, path, values);
            }

            return values;
        }
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static void Flatten(JsonElement element, string? prefix, string path, List<ConfiguredValue> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, Join(prefix, property.Name), path, values);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, Join(prefix, index++.ToString(CultureInfo.InvariantCulture)), path, values);
                }

                break;
            case JsonValueKind.Null:
                // A null leaves the default in place, as a missing key would.
                break;
            default:
                var key = prefix ?? string.Empty;
                var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                values.Add(new ConfiguredValue(key, text, $"host.json '{path}'"));
                break;
        }
    }

    private static string Join(string? prefix, string name) => prefix is null ? name : prefix + ":" + name;
}
