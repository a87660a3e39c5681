using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Functions.Access;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Local;

/// <summary>
/// Whose an orchestration instance is and which role reads it, from its id: every orchestration of the app has an id
/// naming its brand (<see cref="OrderFlowIds"/>, <see cref="ReviewIds"/>), so the instance status route, whose path
/// names no brand of its own, can hold the caller to the same scope and role as the route that shows that flow
/// (an order flow: operations, as GetOrderFlow; a monthly review: finance, as GetReview).
/// </summary>
internal sealed record InstanceOwner(string BrandId, AccessRole Role)
{
    /// <summary>The owner of <paramref name="instanceId"/>, or null when the id is none the app makes.</summary>
    public static InstanceOwner? Of(string instanceId)
    {
        if (ReviewIds.TryParse(instanceId, out var review))
        {
            return new InstanceOwner(review.BrandId, AccessRole.Finance);
        }

        if (!instanceId.StartsWith(OrderFlowIds.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        // orderflow:{brandId}:{channel}:{escaped order id}; a brand id holds no ':'.
        var rest = instanceId[OrderFlowIds.Prefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? new InstanceOwner(rest[..colon], AccessRole.Operations) : null;
    }
}
