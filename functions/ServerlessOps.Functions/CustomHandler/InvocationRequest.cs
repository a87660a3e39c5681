using System.Text.Json;

namespace ServerlessOps.Functions.CustomHandler;

/// <summary>
/// What the Functions host POSTs to a custom handler for a non-HTTP trigger: the trigger payload under
/// <c>Data</c> keyed by binding name, and trigger metadata (DequeueCount, Id, ...) under <c>Metadata</c>.
/// </summary>
public sealed class InvocationRequest
{
    public Dictionary<string, JsonElement> Data { get; set; } = [];

    public Dictionary<string, JsonElement> Metadata { get; set; } = [];

    /// <summary>The trigger payload as text (queue messages arrive as a JSON string; timers as an object).</summary>
    public string? TriggerPayload(string bindingName) =>
        Data.TryGetValue(bindingName, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    /// <summary>Queue trigger's delivery count (1 on first delivery); 1 when the host did not send it.</summary>
    public long DequeueCount =>
        Metadata.TryGetValue("DequeueCount", out var value)
            ? value.ValueKind == JsonValueKind.Number ? value.GetInt64()
            : long.TryParse(value.ToString(), out var parsed) ? parsed : 1
            : 1;
}
