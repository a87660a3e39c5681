using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// Recovers a failed instance's failure details from its history. The Azure Storage engine's instance record keeps only
/// "ErrorType: message" as the output; the type, message, stack and inner failure stay on the history's
/// ExecutionCompleted event, which the engine returns as JSON.
/// </summary>
internal static class FailureDetailsFromHistory
{
    /// <summary>The failure on the last completion event of <paramref name="historyJson"/>, or null if it has none.</summary>
    public static TaskFailureDetails? Find(string? historyJson)
    {
        if (string.IsNullOrWhiteSpace(historyJson))
        {
            return null;
        }

        using var document = JsonDocument.Parse(historyJson);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return document.RootElement.EnumerateArray()
            .Where(IsExecutionCompleted)
            .Select(e => e.TryGetProperty("FailureDetails", out var details) ? Read(details) : null)
            .LastOrDefault(details => details is not null);
    }

    /// <summary>The engine writes the event type as its number (or, with other serializer settings, its name).</summary>
    private static bool IsExecutionCompleted(JsonElement historyEvent) =>
        historyEvent.ValueKind == JsonValueKind.Object
        && historyEvent.TryGetProperty("EventType", out var type)
        && (type.ValueKind == JsonValueKind.Number
            ? type.GetInt32() == (int)EventType.ExecutionCompleted
            : type.GetString() == nameof(EventType.ExecutionCompleted));

    private static TaskFailureDetails? Read(JsonElement details)
    {
        if (details.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new TaskFailureDetails(
            Text(details, "ErrorType") ?? "(unknown)",
            Text(details, "ErrorMessage") ?? string.Empty,
            Text(details, "StackTrace"),
            details.TryGetProperty("InnerFailure", out var inner) ? Read(inner) : null,
            Properties(details));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, object?>? Properties(JsonElement details)
    {
        if (!details.TryGetProperty("Properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return properties.EnumerateObject()
            .Where(p => p.Name != "$type")
            .ToDictionary(p => p.Name, p => (object?)(p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number => p.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null,
                _ => p.Value.GetRawText(),
            }));
    }
}
