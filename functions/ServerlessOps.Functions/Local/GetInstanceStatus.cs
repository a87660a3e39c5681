using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Standalone.Durable;

namespace ServerlessOps.Functions.Local;

/// <summary>
/// GET /runtime/webhooks/durabletask/instances/{instanceId}: an orchestration's status in the shape of the Durable
/// Functions HTTP API (200 when finished, 202 with Location while running, 404 when unknown). In Azure the extension
/// serves this route itself (with its system key), so there is no wrapper; the standalone host serves the same
/// shape, so a tool written for one works on the other. The path names no brand, but the instance id does
/// (<see cref="InstanceOwner"/>): a caller outside that brand is refused (403) before the instance is looked up, so the
/// answer says nothing of another brand's orders; an id naming no brand is answered only to a caller of every brand.
/// A monthly review's instance also needs the finance role, as the review's own route does.
/// </summary>
public sealed class GetInstanceStatus(ILogger<GetInstanceStatus> logger) : IHttpFunction
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
        var instanceId = http.RouteValue("instanceId");
        if (Refusal(instanceId, http.Caller!) is { } refusal)
        {
            return refusal;
        }

        var instance = await http.Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        var requestUri = new Uri(Microsoft.AspNetCore.Http.Extensions.UriHelper.GetEncodedUrl(http.Request));
        return DurableInstanceStatus.From(
            instance,
            requestUri,
            showInput: !string.Equals(http.QueryValue("showInput"), "false", StringComparison.OrdinalIgnoreCase),
            returnInternalServerErrorOnFailure: string.Equals(http.QueryValue("returnInternalServerErrorOnFailure"), "true", StringComparison.OrdinalIgnoreCase))
            .ToResult();
    }

    private IResult? Refusal(string instanceId, Caller caller)
    {
        var owner = InstanceOwner.Of(instanceId);
        if (owner is null ? !caller.AllBrands : !caller.MaySee(owner.BrandId))
        {
            logger.CallerForbidden(Route.Name, caller.Name, owner is null ? $"instance {instanceId} names no brand" : $"brand {owner.BrandId} of instance {instanceId} is outside its scope");
            return Problems.Result(
                Problems.ForbiddenBrand,
                owner is null
                    ? $"Instance '{instanceId}' names no brand, so only a caller of every brand may read it; {caller.Name} may see some brands only."
                    : $"Instance '{instanceId}' is of brand '{owner.BrandId}', outside the brands {caller.Name} may see.");
        }

        // The route lets operations in; a monthly review's status (findings so far, money at stake) is finance's, as on its own route.
        if (owner is not null && !caller.Holds(owner.Role))
        {
            var role = owner.Role.ToString().ToLowerInvariant();
            logger.CallerForbidden(Route.Name, caller.Name, $"lacks role {role} for instance {instanceId}");
            return Problems.Result(Problems.ForbiddenRole, $"Instance '{instanceId}' is read with the {role} role, as its brand's own route is; {caller.Name} does not hold it.");
        }

        return null;
    }
}
