using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>
/// Where an order must end up once every delivery is processed, whatever the arrival order.
/// <see cref="Status"/> is the canonical reading the scenario assumes (Shopify paid+unfulfilled, Amazon Unshipped,
/// Walmart Created, TikTok AWAITING_SHIPMENT = AwaitingFulfilment; Shopify fulfilled, Amazon Shipped, TikTok
/// IN_TRANSIT = Fulfilled; Shopify cancelled_at, Amazon Canceled, Walmart all lines Cancelled, TikTok CANCELLED =
/// Cancelled; Walmart one of two lines Cancelled = PartiallyCancelled; TikTok DELIVERED with a refunded return =
/// PartiallyRefunded, or Refunded when it was the only unit); <see cref="ChannelStatus"/> is the channel's own word for it.
/// </summary>
/// <param name="UpdatedAt">The channel's version of the final state (updated_at, LastUpdateDate, latest statusDate, update_time).</param>
/// <param name="EventCount">Distinct events sent for the order (duplicates not counted).</param>
public sealed record ExpectedOrder(
    SalesChannel Channel,
    string ExternalOrderId,
    OrderStatus Status,
    string ChannelStatus,
    DateTimeOffset UpdatedAt,
    int EventCount)
{
    /// <summary>The canonical store id, <c>{channel}:{external id}</c>.</summary>
    public string OrderId => Domain.Orders.OrderId.For(Channel, ExternalOrderId);

    /// <summary>Amazon, Walmart, TikTok: the stub's final document, what a re-read returns at the end.</summary>
    public ChannelOrderDocument? FinalDocument { get; init; }

    /// <summary>Shopify: the newest snapshot body sent (the webhook is the order).</summary>
    public string? FinalSnapshot { get; init; }

    /// <summary>Units cancelled across the lines at the end, where the scenario checks them (partial cancellations); null otherwise.</summary>
    public int? CancelledUnits { get; init; }

    /// <summary>Money refunded at the end, tax included, where the scenario checks it (TikTok returns); null otherwise.</summary>
    public decimal? RefundedAmount { get; init; }
}
