using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Api.OrderFlow;

/// <summary>The order a flow route names: brand, channel slug and the channel's order id.</summary>
internal static class OrderFlowParameters
{
    public static bool TryRead(HttpCall http, out (string BrandId, SalesChannel Channel, string ExternalOrderId, string InstanceId) order, out IResult? problem)
    {
        var brandId = http.RouteValue("brandId");
        var slug = http.RouteValue("channel");
        var externalOrderId = http.RouteValue("orderId");
        if (!SalesChannelNames.TryParseSlug(slug, out var channel))
        {
            order = default;
            problem = Problems.Result(Problems.InvalidParameter,
                $"Channel '{slug}' is not one of {string.Join(", ", Enum.GetValues<SalesChannel>().Select(c => c.Slug()))}.");
            return false;
        }

        order = (brandId, channel, externalOrderId, OrderFlowIds.For(brandId, channel, externalOrderId));
        problem = null;
        return true;
    }
}
