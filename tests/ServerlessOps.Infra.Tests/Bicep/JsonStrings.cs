using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>Walks a JSON tree.</summary>
public static class JsonStrings
{
    /// <summary>Every string value and property name under <paramref name="node"/>.</summary>
    public static IEnumerable<string> All(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    yield return key;
                    foreach (var s in All(value))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var s in All(item))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return value.GetValue<string>();
                break;
        }
    }
}
