using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Standalone.Durable;

namespace ServerlessOps.Functions.Local;

/// <summary>
/// GET /runtime/webhooks/durabletask/instances/{instanceId}: an orchestration's status in the shape of the Durable
/// Functions HTTP API (200 when finished, 202 with Location while running, 404 when unknown). In Azure the extension
/// serves this route itself (with its system key), so there is no wrapper; the standalone host serves the same
/// shape, so a tool written for one works on the other.
/// </summary>
public sealed class GetInstanceStatus : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetInstanceStatus>(
        "runtime/webhooks/durabletask/instances/{instanceId}", RouteAccess.Operations,
        "An orchestration instance's status (name, instanceId, runtimeStatus, input, customStatus, output, createdTime, lastUpdatedTime)", "Durable") with
    {
        UsesDurableClient = true,
        HostProvided = true,
        Query =
        [
            new QueryParameter("showInput", "false leaves input out (default true)"),
            new QueryParameter("returnInternalServerErrorOnFailure", "true answers 500 for a failed instance (default false)"),
        ],
    };

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var instance = await http.Durable.GetInstanceAsync(http.RouteValue("instanceId"), getInputsAndOutputs: true, cancellationToken);
        var requestUri = new Uri(Microsoft.AspNetCore.Http.Extensions.UriHelper.GetEncodedUrl(http.Request));
        return DurableInstanceStatus.From(
            instance,
            requestUri,
            showInput: !string.Equals(http.QueryValue("showInput"), "false", StringComparison.OrdinalIgnoreCase),
            returnInternalServerErrorOnFailure: string.Equals(http.QueryValue("returnInternalServerErrorOnFailure"), "true", StringComparison.OrdinalIgnoreCase))
            .ToResult();
    }
}
