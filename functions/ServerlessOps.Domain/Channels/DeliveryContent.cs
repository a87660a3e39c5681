using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Domain.Channels;

/// <summary>What a delivery means for the source of truth, once interpreted.</summary>
public abstract record DeliveryContent;

/// <summary>The delivery carries the whole order (Shopify): converge on it directly.</summary>
public sealed record OrderSnapshot(Order Order) : DeliveryContent;

/// <summary>
/// The delivery only says an order changed (Amazon, Walmart, TikTok Shop carry no money): the order is
/// re-read from the channel's API and the API's own version decides.
/// </summary>
public sealed record OrderSignal(string ExternalOrderId) : DeliveryContent
{
    /// <summary>
    /// The change is a return or refund the order itself does not show (TikTok Shop type 12): read the channel's
    /// returns of the order as well (<see cref="ChannelOrderDocument.TikTokReturns"/>).
    /// </summary>
    public bool IncludesReturns { get; init; }
}

/// <summary>
/// A partial fact about an order (a Shopify fulfilment or refund): folded into the stored order by the fact's own
/// id (<see cref="OrderFacts.Fold"/>), never replacing its snapshot, so a newer snapshot is never lost to it.
/// </summary>
public sealed record OrderFactReport(string ExternalOrderId, IReadOnlyList<Shipment> Shipments, IReadOnlyList<OrderRefund> Refunds) : DeliveryContent;

/// <summary>Inventory levels reported by the channel.</summary>
public sealed record InventoryReport(IReadOnlyList<InventoryLevelEvent> Levels) : DeliveryContent;

/// <summary>Prices observed on the channel.</summary>
public sealed record PriceReport(IReadOnlyList<PriceChange> Changes) : DeliveryContent;

/// <summary>Recorded in the channel-event log only (a refund notice, a seller deauthorisation).</summary>
public sealed record ChannelNotice(string Summary, string? ExternalOrderId = null) : DeliveryContent;
