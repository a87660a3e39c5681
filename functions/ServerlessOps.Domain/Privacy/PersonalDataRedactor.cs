using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessOps.Domain.Privacy;

/// <summary>
/// Erases and extracts personal data in a channel's raw JSON by <see cref="PersonalDataFields"/>. Erasing sets a value
/// to JSON null, so the document keeps its shape and still reads as the same resource (a replay of a redacted delivery
/// still converges the order: it only loses the buyer). Idempotent: a redacted document redacts to itself, erasing 0.
/// </summary>
public static class PersonalDataRedactor
{
    /// <summary>The shortest erased text collected for scrubbing: shorter values ("OH", "4") would scrub unrelated text.</summary>
    private const int MinScrubbableLength = 5;

    /// <summary>Stored bodies are never served as HTML, so they keep characters such as '+' and quotes as the channel sent them.</summary>
    private static readonly JsonSerializerOptions _storage = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>How redacted documents and exports are written.</summary>
    public static JsonSerializerOptions StorageJson => _storage;

    /// <summary>Erases every personal value in <paramref name="root"/>, in place.</summary>
    public static PersonalDataRedaction Redact(JsonNode? root)
    {
        var erased = new HashSet<string>(StringComparer.Ordinal);
        var count = Walk(root, insidePersonal: false, erased);
        return count == 0 ? PersonalDataRedaction.None : new PersonalDataRedaction(count, erased);
    }

    /// <summary>Erases the personal data of a UTF-8 JSON document; null when it is not JSON (the caller decides).</summary>
    public static (byte[] Body, PersonalDataRedaction Redaction)? Redact(ReadOnlySpan<byte> utf8Json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8Json);
        }
        catch (JsonException)
        {
            return null;
        }

        var redaction = Redact(root);
        return (redaction.Changed ? JsonSerializer.SerializeToUtf8Bytes(root, _storage) : utf8Json.ToArray(), redaction);
    }

    /// <summary>
    /// A copy of only the personal parts of <paramref name="root"/>, in the same shape (what a data request exports);
    /// null when there are none.
    /// </summary>
    public static JsonNode? Extract(JsonNode? root) => ExtractCore(root, insidePersonal: false);

    /// <summary>Replaces every occurrence of an erased value in free text (a reason, a detail).</summary>
    public static string Scrub(string text, IEnumerable<string> erasedValues)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(erasedValues);
        foreach (var value in erasedValues.Where(v => v.Length >= MinScrubbableLength).OrderByDescending(v => v.Length))
        {
            text = text.Replace(value, "[redacted]", StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    private static int Walk(JsonNode? node, bool insidePersonal, HashSet<string> erased)
    {
        var count = 0;
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[name];
                    if (child is null)
                    {
                        continue;
                    }

                    var personalObject = insidePersonal || PersonalDataFields.PersonalObjects.Contains(name);
                    if (child is JsonValue value)
                    {
                        var personal = insidePersonal
                            ? !PersonalDataFields.KeptInPersonalObjects.Contains(name)
                            : PersonalDataFields.PersonalValues.Contains(name) || PersonalDataFields.PersonalObjects.Contains(name);
                        if (personal && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
                        {
                            Collect(value, erased);
                            obj[name] = null;
                            count++;
                        }
                    }
                    else
                    {
                        count += Walk(child, personalObject, erased);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && insidePersonal && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
                    {
                        Collect(value, erased);
                        array[i] = null;
                        count++;
                    }
                    else
                    {
                        count += Walk(array[i], insidePersonal, erased);
                    }
                }

                break;
        }

        return count;
    }

    private static JsonNode? ExtractCore(JsonNode? node, bool insidePersonal)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (name, child) in obj)
                {
                    if (child is null)
                    {
                        continue;
                    }

                    var personalObject = insidePersonal || PersonalDataFields.PersonalObjects.Contains(name);
                    if (child is JsonValue value)
                    {
                        // The export keeps a personal object whole, ids included, so the merchant sees whose it is.
                        var personal = personalObject || PersonalDataFields.PersonalValues.Contains(name);
                        if (personal && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
                        {
                            result[name] = value.DeepClone();
                        }
                    }
                    else if (ExtractCore(child, personalObject) is { } extracted)
                    {
                        result[name] = extracted;
                    }
                }

                return result.Count == 0 ? null : result;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    var extracted = item is JsonValue value
                        ? (insidePersonal && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number ? value.DeepClone() : null)
                        : ExtractCore(item, insidePersonal);
                    if (extracted is not null)
                    {
                        items.Add(extracted);
                    }
                }

                return items.Count == 0 ? null : items;
            default:
                return null;
        }
    }

    private static void Collect(JsonValue value, HashSet<string> erased)
    {
        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        if (text.Length >= MinScrubbableLength)
        {
            erased.Add(text);
        }
    }
}
