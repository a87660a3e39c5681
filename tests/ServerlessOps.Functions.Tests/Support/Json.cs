using System.Globalization;
using System.Text.Json;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>Reading the read APIs' JSON without binding to the app's types (the wire format is what clients see).</summary>
public static class Json
{
    public static JsonElement Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string Str(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"Expected string property '{name}' in {Shorten(element)}.");

    public static string? OptionalStr(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int Number(this JsonElement element, string name) => element.GetProperty(name).GetInt32();

    /// <summary>A decimal given as a JSON number or a decimal string.</summary>
    public static decimal Dec(this JsonElement element, string name)
    {
        var value = element.GetProperty(name);
        return value.ValueKind == JsonValueKind.String
            ? decimal.Parse(value.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture)
            : value.GetDecimal();
    }

    public static DateTimeOffset Time(this JsonElement element, string name) =>
        DateTimeOffset.Parse(element.Str(name), CultureInfo.InvariantCulture);

    public static JsonElement[] Items(this JsonElement element, string? name = null)
    {
        var array = name is null ? element : element.GetProperty(name);
        return [.. array.EnumerateArray()];
    }

    public static string Shorten(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 600 ? text : text[..600] + "...";
    }
}
