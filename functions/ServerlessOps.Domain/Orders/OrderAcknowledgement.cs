using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Orders;

/// <summary>
/// Which channels expect the seller to acknowledge an order. Walmart asks for every seller-fulfilled purchase order to be
/// acknowledged within four hours of creation (POST /v3/orders/{purchaseOrderId}/acknowledge), once the seller knows it
/// can fulfil it; not for orders already shipped or cancelled, nor for Walmart-fulfilled ones. Shopify, Amazon and
/// TikTok Shop have no such step.
/// </summary>
public static class OrderAcknowledgement
{
    public static bool IsAskedBy(SalesChannel channel) => channel == SalesChannel.Walmart;
}
