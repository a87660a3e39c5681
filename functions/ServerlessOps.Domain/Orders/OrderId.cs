using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Orders;

/// <summary>Builds and reads canonical order ids of the form <c>{channel slug}:{external order id}</c>.</summary>
public static class OrderId
{
    public static string For(SalesChannel channel, string externalOrderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalOrderId);
        return $"{channel.Slug()}:{externalOrderId}";
    }
}
