using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Orders;

/// <summary>
/// The canonical order: one per (brand, channel, external order id), whatever channel it came from.
/// Immutable; a newer channel version replaces the whole snapshot (see <see cref="OrderConvergence"/>).
/// </summary>
public sealed record Order
{
    /// <summary>Store id: <c>{channel slug}:{external order id}</c>, unique within a brand.</summary>
    public string Id => OrderId.For(Channel, ExternalOrderId);

    public required string BrandId { get; init; }

    public required SalesChannel Channel { get; init; }

    /// <summary>The channel account the order was placed on (shop domain, seller id, partner id, shop id).</summary>
    public required string ChannelAccountId { get; init; }

    /// <summary>The channel's order id (Shopify numeric id, Amazon order id, Walmart purchase order id, TikTok order id).</summary>
    public required string ExternalOrderId { get; init; }

    /// <summary>What a person calls the order (Shopify <c>#1043</c>, Walmart customer order id), when it differs.</summary>
    public string? DisplayNumber { get; init; }

    public required OrderStatus Status { get; init; }

    /// <summary>The channel's status text, verbatim, so unknown values are never lost.</summary>
    public required string ChannelStatus { get; init; }

    /// <summary>ISO 4217 code of every amount on the order.</summary>
    public required string Currency { get; init; }

    public required IReadOnlyList<OrderLine> Lines { get; init; }

    public ShippingInfo? Shipping { get; init; }

    public IReadOnlyList<OrderFee> Fees { get; init; } = [];

    /// <summary>Sum of order-level discounts not allocated to a line (lines carry their own).</summary>
    public decimal OrderDiscount { get; init; }

    /// <summary>The total the buyer paid according to the channel; kept as reported, not recomputed.</summary>
    public required decimal Total { get; init; }

    /// <summary>When the buyer placed the order (channel time, UTC offset preserved).</summary>
    public required DateTimeOffset PlacedAt { get; init; }

    public required OrderVersion Version { get; init; }

    /// <summary>
    /// False when the channel withheld parts of the order by design (an Amazon order while Pending has no
    /// prices); a later delivery or the backstop poll completes it.
    /// </summary>
    public bool IsComplete { get; init; } = true;

    /// <summary>Cancellation reason, when cancelled.</summary>
    public string? CancelReason { get; init; }

    /// <summary>The UTC day the order was placed: the key of "a brand's orders for a day".</summary>
    public DateOnly PlacedDay => DateOnly.FromDateTime(PlacedAt.UtcDateTime);

    public decimal LinesNet => Lines.Sum(l => l.NetAmount);

    public decimal TaxTotal => Lines.Sum(l => l.Tax) + (Shipping?.Tax ?? 0m);
}
