using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// An instance's status as the Durable Functions HTTP API answers <c>GET /runtime/webhooks/durabletask/instances/{id}</c>
/// (the extension's HttpApiHandler): the body <c>{name, instanceId, runtimeStatus, input, customStatus, output,
/// createdTime, lastUpdatedTime}</c>, and the status code: 200 for completed, failed (unless
/// <c>returnInternalServerErrorOnFailure</c>, then 500), terminated or canceled; 202 with <c>Location</c> (the request URL)
/// and <c>Retry-After: 5</c> while pending, running, continued-as-new or suspended; 404 with no body for an unknown id.
/// </summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Body">The JSON body, or null (404).</param>
/// <param name="Location">Where to poll again (202 only).</param>
/// <param name="RetryAfter">How long a poller should wait (202 only).</param>
public sealed record DurableInstanceStatus(int StatusCode, JsonObject? Body, Uri? Location, TimeSpan? RetryAfter)
{
    /// <summary>What the extension answers for <paramref name="instance"/>.</summary>
    /// <param name="instance">The instance, read with inputs and outputs; null when it does not exist.</param>
    /// <param name="requestUri">The request's URL, returned as <c>Location</c> while the instance runs.</param>
    /// <param name="showInput">The <c>showInput</c> query parameter (default true): false leaves <c>input</c> null.</param>
    /// <param name="returnInternalServerErrorOnFailure">The query parameter of that name: a failed instance answers 500 instead of 200.</param>
    public static DurableInstanceStatus From(OrchestrationMetadata? instance, Uri requestUri, bool showInput = true, bool returnInternalServerErrorOnFailure = false)
    {
        if (instance is null)
        {
            return new DurableInstanceStatus((int)HttpStatusCode.NotFound, null, null, null);
        }

        var body = new JsonObject
        {
            ["name"] = instance.Name,
            ["instanceId"] = instance.InstanceId,
            ["runtimeStatus"] = instance.RuntimeStatus.ToString(),
            ["input"] = showInput ? Parse(instance.SerializedInput) : null,
            ["customStatus"] = Parse(instance.SerializedCustomStatus),
            ["output"] = Parse(instance.SerializedOutput),
            ["createdTime"] = Timestamp(instance.CreatedAt),
            ["lastUpdatedTime"] = Timestamp(instance.LastUpdatedAt),
        };

#pragma warning disable CS0618 // ContinuedAsNew and Canceled are legacy states the extension still maps.
        return instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending
                or OrchestrationRuntimeStatus.ContinuedAsNew or OrchestrationRuntimeStatus.Suspended =>
                new DurableInstanceStatus((int)HttpStatusCode.Accepted, body, requestUri, TimeSpan.FromSeconds(5)),
            OrchestrationRuntimeStatus.Failed => new DurableInstanceStatus(
                (int)(returnInternalServerErrorOnFailure ? HttpStatusCode.InternalServerError : HttpStatusCode.OK), body, null, null),
            OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled =>
                new DurableInstanceStatus((int)HttpStatusCode.OK, body, null, null),
            _ => new DurableInstanceStatus((int)HttpStatusCode.InternalServerError, body, null, null),
        };
#pragma warning restore CS0618
    }

    /// <summary>The answer as an ASP.NET Core result: status, headers and JSON body.</summary>
    public IResult ToResult() => new StatusResult(this);

    /// <summary>
    /// A stored payload as the extension returns it: JSON when it parses, else the raw text (e.g. a termination
    /// reason), an empty string for blank text, null for none.
    /// </summary>
    internal static JsonNode? Parse(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        var text = serialized.Trim();
        if (text.Length == 0)
        {
            return JsonValue.Create(string.Empty);
        }

        try
        {
            return JsonNode.Parse(text) ?? null;
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>The extension's format: seconds precision, UTC, e.g. <c>2026-12-03T10:15:00Z</c>.</summary>
    internal static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class StatusResult(DurableInstanceStatus status) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.StatusCode = status.StatusCode;
            if (status.Location is { } location)
            {
                response.Headers.Location = location.ToString();
            }

            if (status.RetryAfter is { } retryAfter)
            {
                response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            if (status.Body is { } body)
            {
                response.ContentType = "application/json; charset=utf-8";
                await response.WriteAsync(body.ToJsonString(), httpContext.RequestAborted);
            }
        }
    }
}
