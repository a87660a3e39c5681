using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ServerlessOps.Durable.Http;

/// <summary>
/// Durable-Functions-like management HTTP API (the routes Durable Functions serves under
/// <c>/runtime/webhooks/durabletask</c>). Errors are RFC 7807 <c>application/problem+json</c>.
/// <list type="table">
/// <item><term>POST {prefix}/orchestrators/{name}[/{instanceId}]</term><description>start; body = input JSON; 202 + Location + Retry-After + <see cref="HttpManagementPayload"/>; 409 when the id is running.</description></item>
/// <item><term>GET {prefix}/instances/{id}[?showHistory=true&amp;showInput=false&amp;returnInternalServerErrorOnFailure=true]</term><description>status: 202 + Location + Retry-After while Pending/Running/Suspended, 200 Completed, 400 Failed/Terminated/Canceled (500 for Failed when asked), 404 unknown.</description></item>
/// <item><term>POST {prefix}/instances/{id}/raiseEvent/{eventName}</term><description>body = payload JSON; 202; 404 unknown; 410 finished.</description></item>
/// <item><term>POST {prefix}/instances/{id}/terminate|suspend|resume[?reason=]</term><description>202; 404 unknown; 410 finished.</description></item>
/// <item><term>DELETE {prefix}/instances/{id}</term><description>purge one; 200 {instancesDeleted}; 404 unknown.</description></item>
/// <item><term>DELETE {prefix}/instances?createdTimeFrom&amp;createdTimeTo&amp;runtimeStatus</term><description>purge by filter; 200; 404 when none matched.</description></item>
/// <item><term>GET {prefix}/instances?createdTimeFrom&amp;createdTimeTo&amp;runtimeStatus&amp;name&amp;instanceIdPrefix&amp;top&amp;showInput</term><description>list; continuation in the <c>x-ms-continuation-token</c> request and response header.</description></item>
/// </list>
/// </summary>
public static class DurableTaskManagementEndpoints
{
    /// <summary>The Durable Functions default route prefix.</summary>
    public const string DefaultPrefix = "/runtime/webhooks/durabletask";

    /// <summary>The continuation header Durable Functions uses for paged listing.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>Seconds a client is told to wait before polling again (Durable Functions uses 10).</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>Maps the management API under <paramref name="prefix"/>. Requires <c>AddDurableTask</c>.
    /// The returned group can carry authorization (<c>RequireAuthorization</c>) or filters.</summary>
    /// <param name="endpoints">The app's route builder.</param>
    /// <param name="prefix">The route prefix.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapDurableTaskManagement(this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.MapPost("/orchestrators/{name}/{instanceId?}", ManagementHandlers.StartAsync);
        group.MapGet("/instances/{instanceId}", ManagementHandlers.GetStatusAsync);
        group.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", ManagementHandlers.RaiseEventAsync);
        group.MapPost("/instances/{instanceId}/terminate", ManagementHandlers.TerminateAsync);
        group.MapPost("/instances/{instanceId}/suspend", ManagementHandlers.SuspendAsync);
        group.MapPost("/instances/{instanceId}/resume", ManagementHandlers.ResumeAsync);
        group.MapDelete("/instances/{instanceId}", ManagementHandlers.PurgeAsync);
        group.MapDelete("/instances", ManagementHandlers.PurgeManyAsync);
        group.MapGet("/instances", ManagementHandlers.ListAsync);
        return group;
    }

    /// <summary>The URLs of one instance, rooted at the request's scheme, host, path base and prefix.</summary>
    /// <param name="request">The current request.</param>
    /// <param name="prefix">The route prefix the API is mapped under.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>The payload.</returns>
    public static HttpManagementPayload CreatePayload(HttpRequest request, string prefix, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}{prefix.TrimEnd('/')}/instances/{Uri.EscapeDataString(instanceId)}";
        return new HttpManagementPayload(
            instanceId,
            root,
            root + "/raiseEvent/{eventName}",
            root + "/terminate?reason={text}",
            root,
            root + "/suspend?reason={text}",
            root + "/resume?reason={text}");
    }
}
