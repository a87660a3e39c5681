using System.Text.Json;

namespace ServerlessOps.Functions.Local;

/// <summary>
/// Reads local.settings.json the way the Functions host does: each entry of <c>Values</c> becomes a setting,
/// with <c>__</c> as the section separator (<c>Storage__ConnectionString</c> is <c>Storage:ConnectionString</c>).
/// Only used when the app runs standalone; in Azure the same names are app settings.
/// </summary>
public static class LocalSettings
{
    public static IConfigurationBuilder AddLocalSettings(this IConfigurationBuilder configuration, string path)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!File.Exists(path))
        {
            return configuration;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path} has no \"Values\" object; see local.settings.sample.json.");
        }

        var settings = values.EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
        return configuration.AddInMemoryCollection(settings);
    }
}
