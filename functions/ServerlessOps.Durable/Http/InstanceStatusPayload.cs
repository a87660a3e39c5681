using System.Text.Json;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.Http;

/// <summary>An instance's status as the HTTP API returns it (Durable Functions' field names).</summary>
/// <param name="Name">The orchestrator name.</param>
/// <param name="InstanceId">The instance id.</param>
/// <param name="RuntimeStatus">The runtime status name.</param>
/// <param name="Input">The input as JSON, when requested.</param>
/// <param name="CustomStatus">The custom status as JSON.</param>
/// <param name="Output">The output (or termination reason) as JSON.</param>
/// <param name="FailureDetails">Why it failed.</param>
/// <param name="CreatedTime">When created, UTC.</param>
/// <param name="LastUpdatedTime">When last updated, UTC.</param>
/// <param name="HistoryEvents">The current execution's history, when <c>showHistory=true</c>.</param>
public sealed record InstanceStatusPayload(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    TaskFailureDetails? FailureDetails,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    IReadOnlyList<JsonElement>? HistoryEvents)
{
    /// <summary>Builds the payload from metadata; payload strings that are not JSON are returned as JSON strings.</summary>
    /// <param name="m">The metadata.</param>
    /// <param name="history">History to include, or null.</param>
    /// <returns>The payload.</returns>
    public static InstanceStatusPayload From(OrchestrationMetadata m, IReadOnlyList<JsonElement>? history = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Name, m.InstanceId, m.RuntimeStatus.ToString(), Json(m.SerializedInput), Json(m.SerializedCustomStatus),
            Json(m.SerializedOutput), m.FailureDetails, m.CreatedAt, m.LastUpdatedAt, history);
    }

    private static JsonElement? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
