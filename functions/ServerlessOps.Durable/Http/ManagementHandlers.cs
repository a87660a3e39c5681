using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Http;

/// <summary>Request handlers of <see cref="DurableTaskManagementEndpoints"/>.</summary>
internal static class ManagementHandlers
{
    public static async Task<IResult> StartAsync(HttpContext http, DurableTaskClient client, string name, string? instanceId, CancellationToken cancellationToken)
    {
        JsonElement? input;
        try
        {
            input = await ReadJsonAsync(http.Request, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"The request body must be JSON (the orchestrator input): {ex.Message}");
        }

        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            return Accepted(http, id);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return Problems.Conflict(ex.Message);
        }
    }

    public static async Task<IResult> GetStatusAsync(
        HttpContext http,
        DurableTaskClient client,
        string instanceId,
        bool? showHistory,
        bool? showInput,
        bool? returnInternalServerErrorOnFailure,
        CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, true, cancellationToken);
        if (metadata is null)
        {
            return Problems.NotFound(instanceId);
        }

        IReadOnlyList<JsonElement>? history = null;
        if (showHistory == true)
        {
            var events = await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken);
            history = events.Select(e => JsonSerializer.SerializeToElement(e, HistoryJson.Options)).ToList();
        }

        var payload = InstanceStatusPayload.From(showInput == false ? metadata with { SerializedInput = null } : metadata, history);
        if (metadata.IsRunning)
        {
            SetPollingHeaders(http, http.Request.Path + http.Request.QueryString);
            return Results.Json(payload, statusCode: StatusCodes.Status202Accepted);
        }

        var status = metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed => StatusCodes.Status200OK,
            OrchestrationRuntimeStatus.Failed when returnInternalServerErrorOnFailure == true => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status400BadRequest,
        };
        return Results.Json(payload, statusCode: status);
    }

    public static async Task<IResult> RaiseEventAsync(HttpContext http, DurableTaskClient client, string instanceId, string eventName, CancellationToken cancellationToken)
    {
        JsonElement? payload;
        try
        {
            payload = await ReadJsonAsync(http.Request, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"The request body must be JSON (the event payload): {ex.Message}");
        }

        return await OnRunningAsync(client, instanceId, () => client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken), cancellationToken);
    }

    public static Task<IResult> TerminateAsync(DurableTaskClient client, string instanceId, string? reason, CancellationToken cancellationToken) =>
        OnRunningAsync(client, instanceId, () => client.TerminateInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    public static Task<IResult> SuspendAsync(DurableTaskClient client, string instanceId, string? reason, CancellationToken cancellationToken) =>
        OnRunningAsync(client, instanceId, () => client.SuspendInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    public static Task<IResult> ResumeAsync(DurableTaskClient client, string instanceId, string? reason, CancellationToken cancellationToken) =>
        OnRunningAsync(client, instanceId, () => client.ResumeInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    public static async Task<IResult> PurgeAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var result = await client.PurgeInstanceAsync(instanceId, cancellationToken);
        return result.PurgedInstanceCount == 0 ? Problems.NotFound(instanceId) : Results.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }

    public static async Task<IResult> PurgeManyAsync(HttpContext http, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!ListQuery.TryParse(http.Request.Query, null, out var query, out var error))
        {
            return Problems.BadRequest(error);
        }

        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(query.CreatedFrom, query.CreatedTo, query.Statuses), cancellationToken);
        return result.PurgedInstanceCount == 0
            ? Problems.NotFound(null)
            : Results.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }

    public static async Task<IResult> ListAsync(HttpContext http, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var token = http.Request.Headers[DurableTaskManagementEndpoints.ContinuationHeader].ToString();
        if (!ListQuery.TryParse(http.Request.Query, string.IsNullOrEmpty(token) ? null : token, out var query, out var error))
        {
            return Problems.BadRequest(error);
        }

        OrchestrationQueryResult page;
        try
        {
            page = await client.QueryInstancesAsync(query, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message);
        }

        if (page.ContinuationToken is { } next)
        {
            http.Response.Headers[DurableTaskManagementEndpoints.ContinuationHeader] = next;
        }

        return Results.Json(page.Instances.Select(m => InstanceStatusPayload.From(m)).ToList());
    }

    private static async Task<IResult> OnRunningAsync(DurableTaskClient client, string instanceId, Func<Task> operation, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, false, cancellationToken);
        if (metadata is null)
        {
            return Problems.NotFound(instanceId);
        }

        if (metadata.IsCompleted)
        {
            return Problems.Gone(instanceId, metadata.RuntimeStatus);
        }

        try
        {
            await operation();
        }
        catch (OrchestrationNotFoundException)
        {
            return Problems.NotFound(instanceId);
        }

        return Results.Accepted();
    }

    private static IResult Accepted(HttpContext http, string instanceId)
    {
        var prefix = http.Request.Path.Value is { } path && path.Contains("/orchestrators/", StringComparison.Ordinal)
            ? path[..path.IndexOf("/orchestrators/", StringComparison.Ordinal)]
            : DurableTaskManagementEndpoints.DefaultPrefix;
        var payload = DurableTaskManagementEndpoints.CreatePayload(http.Request, prefix, instanceId);
        SetPollingHeaders(http, payload.StatusQueryGetUri);
        return Results.Json(payload, statusCode: StatusCodes.Status202Accepted);
    }

    private static void SetPollingHeaders(HttpContext http, string location)
    {
        http.Response.Headers.Location = location;
        http.Response.Headers.RetryAfter = DurableTaskManagementEndpoints.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<JsonElement?> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
