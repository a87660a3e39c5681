using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Local;

/// <summary>
/// The brand an orchestration instance belongs to, read from its id: every orchestration of the app has an id naming
/// its brand (<see cref="OrderFlowIds"/>, <see cref="ReviewIds"/>), so the instance status route, whose path names no
/// brand of its own, can hold the caller to the same scope as the brand's routes.
/// </summary>
internal static class InstanceOwner
{
    /// <summary>The brand of <paramref name="instanceId"/>, or null when the id is none the app makes.</summary>
    public static string? BrandOf(string instanceId)
    {
        if (ReviewIds.TryParse(instanceId, out var review))
        {
            return review.BrandId;
        }

        if (!instanceId.StartsWith(OrderFlowIds.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        // orderflow:{brandId}:{channel}:{escaped order id}; a brand id holds no ':'.
        var rest = instanceId[OrderFlowIds.Prefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? rest[..colon] : null;
    }
}
